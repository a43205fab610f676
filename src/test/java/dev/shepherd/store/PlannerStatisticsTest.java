package dev.shepherd.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shepherd.testing.Awaiting;
import dev.shepherd.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL database that grew behind the planner's back (here: 8,000 past rollouts written
 * straight into the tables) is analyzed when Shepherd opens it, so {@code /rollout status} probes
 * the active rollouts' steps by key instead of sorting every step; a database whose statistics are
 * current is left alone.
 */
class PlannerStatisticsTest {
  private final String schema = TestDatabases.newSchema();

  @BeforeAll
  static void requirePostgres() {
    assumeTrue(TestDatabases.postgresReachable(), TestDatabases.postgresSkipMessage());
  }

  @AfterEach
  void dropSchema() {
    TestDatabases.dropSchema(schema);
  }

  @Test
  void opening_a_database_that_grew_unanalyzed_analyzes_it_and_the_active_steps_are_probed_by_key()
      throws Exception {
    TestDatabases.postgres(schema).close();
    try (Connection connection = connection()) {
      fill(connection, 8_000, 40);
    }
    awaitModificationsCounted();
    try (Connection connection = connection()) {
      assertThat(plan(connection))
          .as("the premise: without statistics the planner scans every step")
          .contains("Seq Scan on rollout_steps");
    }

    try (Database database = TestDatabases.postgres(schema)) {
      try (Connection connection = database.dataSource().getConnection()) {
        assertThat(analyzed(connection)).contains("rollouts", "rollout_steps", "active_partitions");
        assertThat(plan(connection))
            .contains("rollout_steps_pkey")
            .doesNotContain("Seq Scan on rollout_steps");
      }
    }
  }

  @Test
  void a_database_with_current_statistics_is_not_analyzed_again() throws Exception {
    TestDatabases.postgres(schema).close();
    try (Connection connection = connection()) {
      fill(connection, 500, 5);
    }
    awaitModificationsCounted();
    try (Database first = TestDatabases.postgres(schema);
        Connection connection = first.dataSource().getConnection()) {
      assertThat(analyzed(connection)).contains("rollout_steps");
    }
    try (Connection connection = connection()) {
      assertThat(PlannerStatistics.refreshStale(connection)).isEmpty();
    }
  }

  private Connection connection() throws SQLException {
    Connection connection =
        DriverManager.getConnection(
            TestDatabases.PG_URL, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO " + schema);
    }
    return connection;
  }

  /** Past rollouts with 6 steps each, the first {@code active} of them active on a partition. */
  private static void fill(Connection connection, int rollouts, int active) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "INSERT INTO rollouts (id, runbook_id, runbook_path, runbook_title,"
              + " revision_kind, revision_id, partition_name, operator_id, channel_id, state, created_at,"
              + " warnings, approvers, approvals_needed, version)"
              + " SELECT 'r' || n, 'deploy', 'deploy.md', 'Deploy', 'content', 'abc', 'p' || (n % 40),"
              + " 'U1', 'C1', CASE WHEN n <= "
              + active
              + " THEN 'running' ELSE 'completed' END,"
              + " TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', '', '', 1, 0"
              + " FROM generate_series(1, "
              + rollouts
              + ") n");
      statement.execute(
          "INSERT INTO rollout_steps (rollout_id, phase, step_position, runbook_step,"
              + " title, needs_approval, has_rollback, state, approved_by)"
              + " SELECT 'r' || n, 'forward', s, s, 'Step ' || s || ' of a long-finished rollout', FALSE,"
              + " TRUE, 'done', '' FROM generate_series(1, "
              + rollouts
              + ") n, generate_series(1, 6) s");
      statement.execute(
          "INSERT INTO active_partitions (partition_name, rollout_id)"
              + " SELECT 'p' || n, 'r' || n FROM generate_series(1, "
              + active
              + ") n");
    }
  }

  /** PostgreSQL counts a closed session's writes a moment after it ends. */
  private void awaitModificationsCounted() throws Exception {
    Awaiting.until(
        "PostgreSQL to count the rows written into " + schema,
        Duration.ofSeconds(15),
        () -> {
          try (Connection connection = connection();
              Statement statement = connection.createStatement();
              ResultSet row =
                  statement.executeQuery(
                      "SELECT n_mod_since_analyze FROM pg_stat_user_tables"
                          + " WHERE schemaname = current_schema() AND relname = 'rollout_steps'")) {
            return row.next() && row.getLong(1) > 0;
          }
        });
  }

  private static List<String> analyzed(Connection connection) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT relname, last_analyze FROM pg_stat_user_tables"
                    + " WHERE schemaname = current_schema() ORDER BY relname")) {
      while (rows.next()) {
        Timestamp at = rows.getTimestamp(2);
        if (at != null) {
          tables.add(rows.getString(1));
        }
      }
    }
    return tables;
  }

  private static String plan(Connection connection) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("EXPLAIN " + JdbcRolloutStore.ACTIVE_STEPS)) {
      while (rows.next()) {
        plan.append(rows.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }
}
