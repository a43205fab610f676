package dev.shepherd.store;

import dev.shepherd.rollout.RunbookRef;
import dev.shepherd.store.Sql.SqlFailure;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Optional;

/**
 * The text of each runbook revision a rollout pinned, kept once: a revision's text never changes.
 */
final class RunbookSnapshotTable {
  private final Sql sql;

  RunbookSnapshotTable(Sql sql) {
    this.sql = sql;
  }

  Optional<String> snapshot(RunbookRef runbook) {
    return sql
        .query(
            "SELECT content FROM runbook_snapshots WHERE revision_kind = ?"
                + " AND revision_id = ? AND path = ?",
            snapshotKey(runbook),
            row -> row.getString(1))
        .stream()
        .findFirst();
  }

  void snapshot(RunbookRef runbook, String content) {
    Sql.Binder key = snapshotKey(runbook);
    boolean known =
        !sql.query(
                "SELECT 1 FROM runbook_snapshots WHERE revision_kind = ? AND"
                    + " revision_id = ? AND path = ?",
                key,
                row -> 1)
            .isEmpty();
    if (known) {
      return;
    }
    // Two first starts of one revision (on two partitions) race to keep its text. The loser's
    // insert fails on the primary key; on PostgreSQL that failure would abort the whole start,
    // so it runs under a savepoint and the winner's identical row is kept.
    try {
      Savepoint savepoint = sql.connection().setSavepoint();
      try {
        sql.execute(
            "INSERT INTO runbook_snapshots (revision_kind, revision_id, path, content)"
                + " VALUES (?, ?, ?, ?)",
            s -> {
              key.bind(s);
              s.setString(4, content);
            });
        sql.connection().releaseSavepoint(savepoint);
      } catch (SqlFailure e) {
        if (!e.isUniqueViolation()) {
          throw e;
        }
        sql.connection().rollback(savepoint);
      }
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  private static Sql.Binder snapshotKey(RunbookRef runbook) {
    return s -> {
      s.setString(1, RowMapping.lower(runbook.revision().kind()));
      s.setString(2, runbook.revision().id());
      s.setString(3, runbook.path());
    };
  }
}
