package dev.shepherd.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL plans Shepherd's joins from table statistics. A table that grew since its last {@code
 * ANALYZE} (an import, a move from H2, a restart before autovacuum came round) is planned as if it
 * were still small: {@code /rollout status} then sorts every step ever taken (85 ms at 10,000 past
 * rollouts, seconds under load) instead of probing the active rollouts' steps by their key (0.3
 * ms). On open, Shepherd analyzes the tables autovacuum would analyze next, by autovacuum's own
 * default threshold, so a normal restart analyzes nothing.
 */
final class PlannerStatistics {
  /** The tables Shepherd joins or probes on a request's path. */
  static final List<String> TABLES =
      List.of(
          "rollouts",
          "rollout_steps",
          "active_partitions",
          "acknowledgements",
          "posted_messages",
          "runbook_snapshots");

  private PlannerStatistics() {}

  /** Analyzes the stale tables of the connection's current schema; returns their names. */
  static List<String> refreshStale(Connection connection) throws SQLException {
    List<String> stale = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT relname FROM pg_stat_user_tables"
                    + " WHERE schemaname = current_schema() AND relname IN ("
                    + String.join(", ", TABLES.stream().map(t -> "'" + t + "'").toList())
                    + ")"
                    + " AND ((last_analyze IS NULL AND last_autoanalyze IS NULL AND n_mod_since_analyze > 0)"
                    + " OR n_mod_since_analyze > 50 + 0.1 * n_live_tup)"
                    + " ORDER BY relname")) {
      while (rows.next()) {
        stale.add(rows.getString(1));
      }
    }
    if (!stale.isEmpty()) {
      try (Statement statement = connection.createStatement()) {
        // The names come from the fixed list above, never from input.
        statement.execute("ANALYZE " + String.join(", ", stale));
      }
    }
    return stale;
  }
}
