package dev.shepherd.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Fills a migrated database with finished rollouts as a year of use would leave them: rows in
 * {@code rollouts}, their {@code rollout_steps} and their {@code acknowledgements} (start, a Done
 * per step, an Approve on every third step), written with batched JDBC straight into the schema.
 * Mostly completed, some aborted or rolled back; never active.
 */
final class PastRollouts {
  private static final int STEPS = 6;

  private PastRollouts() {}

  /**
   * Moves everything the benchmark itself ended (and so never posted to a thread) two days into the
   * past, where the sweep owes it nothing: a Shepherd started on this database afterwards serves
   * requests instead of posting a thread for each of them as a restart after an outage would.
   */
  static void age(String url, String user, String password) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        java.sql.Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "UPDATE rollouts SET ended_at = ended_at - INTERVAL '2' DAY,"
              + " started_at = started_at - INTERVAL '2' DAY, created_at = created_at - INTERVAL '2' DAY"
              + " WHERE ended_at > CURRENT_TIMESTAMP - INTERVAL '1' DAY");
    }
  }

  /** Adds {@code count} past rollouts spread over the runbooks and partitions. */
  static void seed(
      String url,
      String user,
      String password,
      int count,
      List<String> runbooks,
      List<String> partitions,
      long seed)
      throws SQLException {
    Random random = new Random(seed);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String jdbcUrl =
        url.startsWith("jdbc:postgresql:")
            ? url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true"
            : url;
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
      connection.setAutoCommit(false);
      try (PreparedStatement rollouts =
              connection.prepareStatement(
                  "INSERT INTO rollouts (id,"
                      + " runbook_id, runbook_path, runbook_title, revision_kind, revision_id, partition_name,"
                      + " operator_id, channel_id, thread_id, state, created_at, scheduled_for, started_at,"
                      + " ended_at, override_by, override_reason, warnings, approvers, approvals_needed,"
                      + " version) VALUES (?, ?, ?, ?, 'content', ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, NULL,"
                      + " NULL, '', ?, 1, ?)");
          PreparedStatement steps =
              connection.prepareStatement(
                  "INSERT INTO rollout_steps"
                      + " (rollout_id, phase, step_position, runbook_step, title, needs_approval,"
                      + " has_rollback, state, approved_by, posted_at, finished_at, finished_by, reason)"
                      + " VALUES (?, 'forward', ?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?, NULL)");
          PreparedStatement acks =
              connection.prepareStatement(
                  "INSERT INTO acknowledgements"
                      + " (rollout_id, partition_name, step_phase, step_position, action, user_id, acted_at,"
                      + " idempotency_key, accepted, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?)")) {
        for (int i = 0; i < count; i++) {
          String id = UUID.randomUUID().toString();
          String runbook = runbooks.get(random.nextInt(runbooks.size()));
          String partition = partitions.get(random.nextInt(partitions.size()));
          int roll = random.nextInt(100);
          String state = roll < 85 ? "completed" : roll < 95 ? "aborted" : "rolled_back";
          int done = state.equals("completed") ? STEPS : 1 + random.nextInt(STEPS - 1);
          // Two days old at least: the sweep re-syncs what ended within a day, and these threads
          // were posted long ago (the benchmark seeds no posted messages for them).
          Instant started =
              now.minus(2 * 24 * 60 + random.nextInt(363 * 24 * 60), ChronoUnit.MINUTES);
          Instant ended = started.plus(done * 3L, ChronoUnit.MINUTES);
          String operator = random.nextBoolean() ? BenchWorkspace.ALICE : BenchWorkspace.BOB;
          String approver =
              operator.equals(BenchWorkspace.ALICE) ? BenchWorkspace.BOB : BenchWorkspace.ALICE;
          rollouts.setString(1, id);
          rollouts.setString(2, runbook);
          rollouts.setString(3, runbook + ".md");
          rollouts.setString(4, "Roll out " + runbook);
          rollouts.setString(5, String.format("%064x", random.nextLong() & Long.MAX_VALUE));
          rollouts.setString(6, partition);
          rollouts.setString(7, operator);
          rollouts.setString(8, "C0PAST");
          rollouts.setString(9, ended.getEpochSecond() + ".000100");
          rollouts.setString(10, state);
          rollouts.setObject(11, time(started));
          rollouts.setObject(12, time(started));
          rollouts.setObject(13, time(ended));
          rollouts.setString(14, BenchWorkspace.ALICE + "\n" + BenchWorkspace.BOB);
          rollouts.setInt(15, 2 + done);
          rollouts.addBatch();
          ack(acks, id, partition, null, null, "start", operator, started, "revision past");
          for (int n = 1; n <= STEPS; n++) {
            Instant finished = started.plus(n * 3L, ChronoUnit.MINUTES);
            boolean approval = n % 3 == 0;
            String stepState = n <= done ? "done" : "pending";
            steps.setString(1, id);
            steps.setInt(2, n);
            steps.setInt(3, n);
            steps.setString(4, "Deploy component " + n);
            steps.setBoolean(5, approval);
            steps.setString(6, stepState);
            steps.setString(7, approval && n <= done ? approver : "");
            if (n <= done) {
              steps.setObject(8, time(finished.minus(3, ChronoUnit.MINUTES)));
              steps.setObject(9, time(finished));
              steps.setString(10, operator);
            } else {
              steps.setNull(8, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
              steps.setNull(9, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
              steps.setNull(10, java.sql.Types.VARCHAR);
            }
            steps.addBatch();
            if (n <= done) {
              if (approval) {
                ack(
                    acks,
                    id,
                    partition,
                    "forward",
                    n,
                    "approve",
                    approver,
                    finished.minusSeconds(30),
                    "");
              }
              ack(acks, id, partition, "forward", n, "done", operator, finished, "");
            }
          }
          if (!state.equals("completed")) {
            ack(acks, id, partition, null, null, "abort", operator, ended, "aborted");
          }
          if (i % 500 == 499 || i == count - 1) {
            rollouts.executeBatch();
            steps.executeBatch();
            acks.executeBatch();
            connection.commit();
          }
        }
      }
    }
  }

  private static void ack(
      PreparedStatement acks,
      String rollout,
      String partition,
      String phase,
      Integer position,
      String action,
      String user,
      Instant at,
      String detail)
      throws SQLException {
    acks.setString(1, rollout);
    acks.setString(2, partition);
    acks.setString(3, phase);
    if (position == null) {
      acks.setNull(4, java.sql.Types.INTEGER);
    } else {
      acks.setInt(4, position);
    }
    acks.setString(5, action);
    acks.setString(6, user);
    acks.setObject(7, time(at));
    acks.setString(8, "past:" + rollout + ":" + action + ":" + (position == null ? 0 : position));
    acks.setString(9, detail);
    acks.addBatch();
  }

  private static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
