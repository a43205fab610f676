package dev.shepherd.store;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.ChainLink;
import dev.shepherd.audit.Evidence;
import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.ChatThread;
import dev.shepherd.rollout.ChoreographyOverride;
import dev.shepherd.rollout.CompletedRun;
import dev.shepherd.rollout.Freeze;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.RunbookRef;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.runbook.Revision;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Maps rows to domain values and back. Enums are stored lower-case, lists joined by newlines. */
final class RowMapping {
  private RowMapping() {}

  static Rollout rollout(ResultSet row, List<StepRun> steps, List<StepRun> rollbackSteps)
      throws SQLException {
    Optional<String> overrideBy = Optional.ofNullable(row.getString("override_by"));
    return new Rollout(
        row.getString("id"),
        new RunbookRef(
            row.getString("runbook_id"),
            row.getString("runbook_path"),
            row.getString("runbook_title"),
            new Revision(
                Revision.Kind.valueOf(upper(row.getString("revision_kind"))),
                row.getString("revision_id"))),
        row.getString("partition_name"),
        row.getString("operator_id"),
        new ChatThread(
            row.getString("channel_id"),
            Optional.ofNullable(row.getString("thread_id")),
            Optional.ofNullable(row.getString("team_id"))),
        RolloutState.valueOf(upper(row.getString("state"))),
        instant(row, "created_at").orElseThrow(),
        instant(row, "scheduled_for"),
        instant(row, "started_at"),
        instant(row, "ended_at"),
        overrideBy.map(by -> new ChoreographyOverride(by, nullToEmpty(row, "override_reason"))),
        lines(row.getString("warnings")),
        lines(row.getString("approvers")),
        row.getInt("approvals_needed"),
        steps,
        rollbackSteps,
        row.getInt("version"));
  }

  static StepRun step(ResultSet row) throws SQLException {
    return new StepRun(
        Phase.valueOf(upper(row.getString("phase"))),
        row.getInt("step_position"),
        row.getInt("runbook_step"),
        row.getString("title"),
        row.getBoolean("needs_approval"),
        row.getBoolean("has_rollback"),
        StepState.valueOf(upper(row.getString("state"))),
        lines(row.getString("approved_by")),
        instant(row, "posted_at"),
        instant(row, "finished_at"),
        Optional.ofNullable(row.getString("finished_by")),
        Optional.ofNullable(row.getString("reason")));
  }

  static Acknowledgement acknowledgement(ResultSet row) throws SQLException {
    int position = row.getInt("step_position");
    boolean hasPosition = !row.wasNull();
    return new Acknowledgement(
        row.getLong("id"),
        Optional.ofNullable(row.getString("rollout_id")),
        row.getString("partition_name"),
        Optional.ofNullable(row.getString("step_phase")).map(p -> Phase.valueOf(upper(p))),
        hasPosition ? Optional.of(position) : Optional.empty(),
        Action.valueOf(upper(row.getString("action"))),
        row.getString("user_id"),
        instant(row, "acted_at").orElseThrow(),
        Optional.ofNullable(row.getString("idempotency_key")),
        row.getBoolean("accepted"),
        row.getString("detail"),
        evidence(row.getString("evidence")));
  }

  /** A row with its place in its chain, as stored; rows from before the chain have none. */
  static ChainLink link(ResultSet row) throws SQLException {
    Acknowledgement ack = acknowledgement(row);
    String chain = row.getString("chain_key");
    if (chain == null) {
      return new ChainLink(ack, Optional.empty());
    }
    int version = row.getInt("hash_version");
    return new ChainLink(
        ack,
        Optional.of(
            new ChainLink.Link(
                chain,
                row.getLong("chain_seq"),
                nullToEmpty(row, "prev_hash"),
                nullToEmpty(row, "row_hash"),
                row.wasNull() ? 1 : version,
                nullToEmpty(row, "key_id"),
                nullToEmpty(row, "state_digest"))));
  }

  /** Evidence as stored and hashed: {@link Evidence#encode}, lossless; none is NULL. */
  static Optional<String> evidence(List<Evidence> evidence) {
    return Optional.of(Evidence.encode(evidence)).filter(text -> !text.isEmpty());
  }

  private static List<Evidence> evidence(String text) {
    return Evidence.decode(text);
  }

  static CompletedRun completed(ResultSet row) throws SQLException {
    return new CompletedRun(
        row.getString("id"),
        row.getString("runbook_id"),
        row.getString("partition_name"),
        new Revision(
            Revision.Kind.valueOf(upper(row.getString("revision_kind"))),
            row.getString("revision_id")),
        instant(row, "ended_at").orElseThrow());
  }

  static Freeze freeze(ResultSet row) throws SQLException {
    return new Freeze(
        row.getString("partition_name"),
        row.getString("frozen_by"),
        row.getString("reason"),
        instant(row, "frozen_at").orElseThrow());
  }

  static void setInstant(PreparedStatement statement, int index, Optional<Instant> instant)
      throws SQLException {
    if (instant.isPresent()) {
      statement.setObject(index, OffsetDateTime.ofInstant(stored(instant.get()), ZoneOffset.UTC));
    } else {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    }
  }

  static void setText(PreparedStatement statement, int index, Optional<String> text)
      throws SQLException {
    if (text.isPresent()) {
      statement.setString(index, text.get());
    } else {
      statement.setNull(index, Types.VARCHAR);
    }
  }

  /**
   * An instant as both databases keep it: to the microsecond, cut rather than rounded (PostgreSQL
   * rounds), so what is written reads back equal.
   */
  static Instant stored(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  static String join(List<String> values) {
    return String.join("\n", values);
  }

  static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  static List<String> lines(String text) {
    return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
  }

  private static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
  }

  private static String nullToEmpty(ResultSet row, String column) {
    try {
      String value = row.getString(column);
      return value == null ? "" : value;
    } catch (SQLException e) {
      throw new StoreException("cannot read " + column, e);
    }
  }

  private static String upper(String text) {
    return text.toUpperCase(Locale.ROOT);
  }
}
