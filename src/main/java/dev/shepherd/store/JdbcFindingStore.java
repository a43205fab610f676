package dev.shepherd.store;

import dev.shepherd.learning.finding.FindingClosure;
import dev.shepherd.learning.finding.FindingStore;
import dev.shepherd.learning.finding.Resolution;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.runbook.Revision;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/** The finding store on JDBC: tables {@code runbook_findings} and {@code finding_scans}. */
public final class JdbcFindingStore implements FindingStore {
  private static final String COLUMNS =
      "rollout_id, finding_key, runbook_id, revision_kind,"
          + " revision_id, partition_name, found_at, kind, runbook_step, step_title, symptom, detail,"
          + " fix, cause, resolved_by, resolved_at, closure_kind, closed_by, closure_reason, closed_at";

  private final DataSource dataSource;

  public JdbcFindingStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Map<String, Integer> scanned(String runbookId) {
    return transaction(
        sql -> {
          Map<String, Integer> versions = new HashMap<>();
          sql.query(
              "SELECT rollout_id, version FROM finding_scans WHERE runbook_id = ?",
              s -> s.setString(1, runbookId),
              row -> versions.put(row.getString(1), row.getInt(2)));
          return versions;
        });
  }

  @Override
  public void replace(
      String rolloutId, String runbookId, int version, List<RunbookFinding> findings) {
    try {
      store(rolloutId, runbookId, version, findings);
    } catch (Sql.SqlFailure e) {
      // Two replicas derived the same rollout at once and the other stored it first: what it
      // stored is what this one would have, the record being the same.
      if (!e.isUniqueViolation()) {
        throw e;
      }
    }
  }

  private void store(
      String rolloutId, String runbookId, int version, List<RunbookFinding> findings) {
    transaction(
        sql -> {
          Map<String, FindingClosure> covered = coverage(sql, rolloutId);
          sql.execute(
              "DELETE FROM runbook_findings WHERE rollout_id = ?", s -> s.setString(1, rolloutId));
          for (RunbookFinding finding : findings) {
            RunbookFinding kept =
                finding.closure().isPresent()
                    ? finding
                    : finding.withClosure(Optional.ofNullable(covered.get(finding.key())));
            insert(sql, kept);
          }
          if (sql.execute(
                  "UPDATE finding_scans SET version = ? WHERE rollout_id = ?",
                  s -> {
                    s.setInt(1, version);
                    s.setString(2, rolloutId);
                  })
              == 0) {
            sql.execute(
                "INSERT INTO finding_scans (rollout_id, runbook_id, version) VALUES (?, ?, ?)",
                s -> {
                  s.setString(1, rolloutId);
                  s.setString(2, runbookId);
                  s.setInt(3, version);
                });
          }
          return null;
        });
  }

  @Override
  public Optional<Stored> of(String rolloutId) {
    return transaction(
        sql ->
            sql
                .query(
                    "SELECT version FROM finding_scans WHERE rollout_id = ?",
                    s -> s.setString(1, rolloutId),
                    row -> row.getInt(1))
                .stream()
                .findFirst()
                .map(
                    version ->
                        new Stored(
                            version,
                            sql.query(
                                "SELECT "
                                    + COLUMNS
                                    + " FROM runbook_findings"
                                    + " WHERE rollout_id = ? ORDER BY found_at, finding_key",
                                s -> s.setString(1, rolloutId),
                                JdbcFindingStore::finding))));
  }

  @Override
  public Map<String, FindingClosure> coverage(String rolloutId) {
    return transaction(sql -> coverage(sql, rolloutId));
  }

  @Override
  public List<RunbookFinding> open(Optional<String> runbookId) {
    return transaction(
        sql ->
            sql.query(
                "SELECT "
                    + COLUMNS
                    + " FROM runbook_findings"
                    + " WHERE closure_kind IS NULL"
                    + (runbookId.isPresent() ? " AND runbook_id = ?" : "")
                    + " ORDER BY found_at, rollout_id, finding_key",
                s -> {
                  if (runbookId.isPresent()) {
                    s.setString(1, runbookId.get());
                  }
                },
                JdbcFindingStore::finding));
  }

  @Override
  public void covered(String rolloutId, String key, FindingClosure closure) {
    transaction(
        sql ->
            sql.execute(
                "UPDATE runbook_findings SET closure_kind = ?, closed_by = ?,"
                    + " closure_reason = ?, closed_at = ? WHERE rollout_id = ? AND finding_key = ?",
                s -> {
                  s.setString(1, RowMapping.lower(closure.kind()));
                  s.setString(2, clip(closure.by(), 200));
                  s.setString(3, clip(closure.reason(), 2000));
                  RowMapping.setInstant(s, 4, Optional.of(closure.at()));
                  s.setString(5, rolloutId);
                  s.setString(6, key);
                }));
  }

  private static Map<String, FindingClosure> coverage(Sql sql, String rolloutId) {
    Map<String, FindingClosure> covered = new HashMap<>();
    sql.query(
        "SELECT finding_key, closure_kind, closed_by, closure_reason, closed_at"
            + " FROM runbook_findings WHERE rollout_id = ? AND closure_kind = 'covered'",
        s -> s.setString(1, rolloutId),
        row -> covered.put(row.getString(1), closure(row).orElseThrow()));
    return covered;
  }

  private static void insert(Sql sql, RunbookFinding f) {
    sql.execute(
        "INSERT INTO runbook_findings ("
            + COLUMNS
            + ") VALUES"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s -> {
          s.setString(1, f.rolloutId());
          s.setString(2, f.key());
          s.setString(3, f.runbookId());
          s.setString(4, RowMapping.lower(f.revision().kind()));
          s.setString(5, f.revision().id());
          s.setString(6, f.partition());
          RowMapping.setInstant(s, 7, Optional.of(f.at()));
          s.setString(8, RowMapping.lower(f.kind()));
          s.setInt(9, f.runbookStep());
          s.setString(10, clip(f.stepTitle(), 1000));
          s.setString(11, clip(f.symptom(), 4000));
          s.setString(12, clip(f.detail(), 4000));
          RowMapping.setText(s, 13, f.resolution().map(r -> clip(r.fix(), 4000)));
          RowMapping.setText(s, 14, f.resolution().map(r -> clip(r.cause(), 4000)));
          RowMapping.setText(s, 15, f.resolution().map(Resolution::by));
          RowMapping.setInstant(s, 16, f.resolution().map(Resolution::at));
          RowMapping.setText(s, 17, f.closure().map(c -> RowMapping.lower(c.kind())));
          RowMapping.setText(s, 18, f.closure().map(c -> clip(c.by(), 200)));
          RowMapping.setText(s, 19, f.closure().map(c -> clip(c.reason(), 2000)));
          RowMapping.setInstant(s, 20, f.closure().map(FindingClosure::at));
        });
  }

  private static RunbookFinding finding(ResultSet row) throws SQLException {
    Optional<Resolution> resolution =
        row.getString("fix") == null
            ? Optional.empty()
            : Optional.of(
                new Resolution(
                    row.getString("fix"),
                    nonNull(row.getString("cause")),
                    nonNull(row.getString("resolved_by")),
                    instant(row, "resolved_at").orElse(Instant.EPOCH)));
    return new RunbookFinding(
        row.getString("finding_key"),
        row.getString("rollout_id"),
        row.getString("runbook_id"),
        new Revision(
            Revision.Kind.valueOf(row.getString("revision_kind").toUpperCase(Locale.ROOT)),
            row.getString("revision_id")),
        row.getString("partition_name"),
        instant(row, "found_at").orElseThrow(),
        RunbookFinding.Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT)),
        row.getInt("runbook_step"),
        row.getString("step_title"),
        row.getString("symptom"),
        row.getString("detail"),
        resolution,
        closure(row));
  }

  private static Optional<FindingClosure> closure(ResultSet row) throws SQLException {
    String kind = row.getString("closure_kind");
    return kind == null
        ? Optional.empty()
        : Optional.of(
            new FindingClosure(
                FindingClosure.Kind.valueOf(kind.toUpperCase(Locale.ROOT)),
                    nonNull(row.getString("closed_by")),
                nonNull(row.getString("closure_reason")),
                    instant(row, "closed_at").orElse(Instant.EPOCH)));
  }

  private static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
    return Optional.ofNullable(row.getObject(column, OffsetDateTime.class))
        .map(OffsetDateTime::toInstant);
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }

  private static String clip(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length - 1) + "…";
  }

  private <T> T transaction(Function<Sql, T> work) {
    return Sql.inTransaction(dataSource, "database transaction failed", work);
  }
}
