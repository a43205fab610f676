package dev.shepherd.store;

import dev.shepherd.rollout.Acknowledgement;
import dev.shepherd.rollout.Phase;
import dev.shepherd.rollout.RolloutStore.Conflict;
import dev.shepherd.store.Sql.SqlFailure;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

/** The append-only acknowledgements table: rows are appended and read, never changed. */
final class AcknowledgementRows {
  /** What the detail column holds; a longer detail is cut, the rest of the row kept. */
  static final int DETAIL_LIMIT = 4000;

  private final Sql sql;

  AcknowledgementRows(Sql sql) {
    this.sql = sql;
  }

  Acknowledgement append(Acknowledgement ack) {
    try (PreparedStatement s = sql.connection().prepareStatement("INSERT INTO acknowledgements"
        + " (rollout_id, partition_name, step_phase, step_position, action, user_id, acted_at,"
        + " idempotency_key, accepted, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      Rows.setText(s, 1, ack.rolloutId());
      s.setString(2, ack.partition());
      Rows.setText(s, 3, ack.phase().map(Phase::label));
      if (ack.position().isPresent()) {
        s.setInt(4, ack.position().get());
      } else {
        s.setNull(4, Types.INTEGER);
      }
      s.setString(5, ack.action().label());
      s.setString(6, ack.user());
      Rows.setInstant(s, 7, Optional.of(ack.at()));
      Rows.setText(s, 8, ack.idempotencyKey());
      s.setBoolean(9, ack.accepted());
      s.setString(10, cut(ack.detail()));
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return ack.withId(keys.getLong(1));
      }
    } catch (SQLException e) {
      if (Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new Conflict(Conflict.Kind.DUPLICATE_KEY, "idempotency key "
            + ack.idempotencyKey().orElse("") + " was used already", e);
      }
      throw new SqlFailure(e);
    }
  }

  static String cut(String detail) {
    return detail.length() > DETAIL_LIMIT ? detail.substring(0, DETAIL_LIMIT) : detail;
  }

  Optional<Acknowledgement> byKey(String idempotencyKey) {
    return sql.query("SELECT * FROM acknowledgements WHERE idempotency_key = ?",
        s -> s.setString(1, idempotencyKey), Rows::acknowledgement).stream().findFirst();
  }

  List<Acknowledgement> trail(String rolloutId) {
    return sql.query("SELECT * FROM acknowledgements WHERE rollout_id = ? ORDER BY id",
        s -> s.setString(1, rolloutId), Rows::acknowledgement);
  }
}
