package dev.shepherd.store;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.AuditKey;
import dev.shepherd.audit.ChainHead;
import dev.shepherd.audit.Phase;
import dev.shepherd.audit.RecordHash;
import dev.shepherd.rollout.RolloutStore.Conflict;
import dev.shepherd.store.Sql.SqlFailure;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The append-only acknowledgements table: rows are appended as links of their chain and read, never
 * changed.
 */
final class AcknowledgementTable {
  /** What the detail column holds; a longer detail is cut, the rest of the row kept. */
  static final int DETAIL_LIMIT = 40_000;

  private final Sql sql;
  private final ChainHeadTable chains;
  private final Optional<AuditKey> key;

  AcknowledgementTable(Sql sql, Optional<AuditKey> key) {
    this.sql = sql;
    this.chains = new ChainHeadTable(sql);
    this.key = key;
  }

  /**
   * Appends a row as the next link of its chain: the chain's head is locked, the row signed with
   * the current key over its content as stored, the head's hash and the rollout's state it left,
   * and the head moved on, all in the caller's transaction.
   *
   * @param stateDigest the {@link StateDigest} of the rollout this action left, empty when it wrote
   *     none
   */
  Acknowledgement append(Acknowledgement given, Optional<String> stateDigest) {
    AuditKey key =
        this.key.orElseThrow(
            () -> new IllegalStateException("this store reads the record only: it holds no key"));
    Acknowledgement ack = given.withDetail(cut(given.detail()));
    String chain = ack.chainKey();
    ChainHead head = chains.lockHead(chain);
    long seq = head.seq() + 1;
    String previous = head.hash();
    String hash = RecordHash.keyed(key, chain, seq, previous, ack, stateDigest.orElse(""));
    Acknowledgement stored;
    try (PreparedStatement s =
        sql.connection()
            .prepareStatement(
                "INSERT INTO acknowledgements"
                    + " (rollout_id, partition_name, step_phase, step_position, action, user_id, acted_at,"
                    + " idempotency_key, accepted, detail, evidence, chain_key, chain_seq, prev_hash, row_hash,"
                    + " hash_version, key_id, state_digest)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
      RowMapping.setText(s, 1, ack.rolloutId());
      s.setString(2, ack.partition());
      RowMapping.setText(s, 3, ack.phase().map(Phase::label));
      if (ack.position().isPresent()) {
        s.setInt(4, ack.position().get());
      } else {
        s.setNull(4, Types.INTEGER);
      }
      s.setString(5, ack.action().label());
      s.setString(6, ack.user());
      RowMapping.setInstant(s, 7, Optional.of(ack.at()));
      RowMapping.setText(s, 8, ack.idempotencyKey());
      s.setBoolean(9, ack.accepted());
      s.setString(10, ack.detail());
      RowMapping.setText(s, 11, RowMapping.evidence(ack.evidence()));
      s.setString(12, chain);
      s.setLong(13, seq);
      s.setString(14, previous);
      s.setString(15, hash);
      s.setInt(16, RecordHash.KEYED);
      s.setString(17, key.id());
      RowMapping.setText(s, 18, stateDigest);
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        stored = ack.withId(keys.getLong(1));
      }
    } catch (SQLException e) {
      if (Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new Conflict(
            Conflict.Kind.DUPLICATE_KEY,
            "idempotency key " + ack.idempotencyKey().orElse("") + " was used already",
            e);
      }
      throw new SqlFailure(e);
    }
    chains.moveHead(new ChainHead(chain, seq, hash, stored.id()));
    return stored;
  }

  static String cut(String detail) {
    return detail.length() > DETAIL_LIMIT ? detail.substring(0, DETAIL_LIMIT) : detail;
  }

  Optional<Acknowledgement> byKey(String idempotencyKey) {
    return sql
        .query(
            "SELECT * FROM acknowledgements WHERE idempotency_key = ?",
            s -> s.setString(1, idempotencyKey),
            RowMapping::acknowledgement)
        .stream()
        .findFirst();
  }

  /** The trails of many rollouts in a query per few hundred: each oldest first. */
  Map<String, List<Acknowledgement>> trails(List<String> rolloutIds) {
    Map<String, List<Acknowledgement>> trails = new LinkedHashMap<>();
    rolloutIds.forEach(id -> trails.put(id, new ArrayList<>()));
    int batch = 500;
    for (int from = 0; from < rolloutIds.size(); from += batch) {
      List<String> ids = rolloutIds.subList(from, Math.min(from + batch, rolloutIds.size()));
      sql.query(
          "SELECT * FROM acknowledgements WHERE rollout_id IN ("
              + String.join(", ", Collections.nCopies(ids.size(), "?"))
              + ") ORDER BY id",
          s -> {
            for (int i = 0; i < ids.size(); i++) {
              s.setString(i + 1, ids.get(i));
            }
          },
          row -> {
            Acknowledgement ack = RowMapping.acknowledgement(row);
            ack.rolloutId().map(trails::get).ifPresent(list -> list.add(ack));
            return null;
          });
    }
    return trails;
  }

  List<Acknowledgement> trail(String rolloutId) {
    return sql.query(
        "SELECT * FROM acknowledgements WHERE rollout_id = ? ORDER BY id",
        s -> s.setString(1, rolloutId),
        RowMapping::acknowledgement);
  }
}
