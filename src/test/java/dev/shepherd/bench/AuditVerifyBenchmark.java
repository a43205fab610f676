package dev.shepherd.bench;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.AuditReport;
import dev.shepherd.audit.AuditVerifier;
import dev.shepherd.audit.Phase;
import dev.shepherd.audit.RecordHash;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcAuditLog;
import dev.shepherd.testing.TestDatabases;
import dev.shepherd.testing.TestKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * How long {@code shepherd audit verify} takes over an untouched database of many rollouts: the
 * chained rows are written as the store writes them (the same {@link RecordHash}, the same heads),
 * then {@link AuditVerifier} (what the command runs) walks them, a few times after a warm-up.
 *
 * <p>Usage: {@code bench/audit-verify.sh [h2|postgresql] [rollouts 10000] [acknowledgements a
 * rollout 8] [runs 5]}.
 */
public final class AuditVerifyBenchmark {
  private AuditVerifyBenchmark() {}

  public static void main(String[] args) throws Exception {
    String vendor = args.length > 0 ? args[0] : "h2";
    int rollouts = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int perRollout = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    String schema = TestDatabases.newSchema();
    Database database =
        vendor.equals("postgresql")
            ? TestDatabases.postgres(schema)
            : Database.open(
                "jdbc:h2:file:./target/bench/audit-" + schema + ";DB_CLOSE_DELAY=0", "", "", null);
    try {
      long fill = System.nanoTime();
      fill(database, rollouts, perRollout);
      System.out.printf(
          "%s: %,d rollouts, %,d acknowledgements written in %.1f s%n",
          vendor, rollouts, (long) rollouts * perRollout, (System.nanoTime() - fill) / 1e9);
      AuditVerifier verifier =
          new AuditVerifier(new JdbcAuditLog(database.dataSource()), TestKeys.KEYS);
      AuditReport warm = verifier.verify();
      if (!warm.clean() || warm.rows() != (long) rollouts * perRollout) {
        throw new IllegalStateException("the untouched database did not verify clean: " + warm);
      }
      List<Double> seconds = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        AuditReport report = verifier.verify();
        seconds.add((System.nanoTime() - start) / 1e9);
        if (!report.clean()) {
          throw new IllegalStateException("run " + i + " found problems: " + report.problems());
        }
      }
      Collections.sort(seconds);
      System.out.printf(
          "%s: verify of %,d chains, %,d rows: median %.2f s, min %.2f s, max %.2f s"
              + " (%d runs after a warm-up); %,.0f rows/s at the median%n",
          vendor,
          warm.chains(),
          warm.rows(),
          seconds.get(seconds.size() / 2),
          seconds.get(0),
          seconds.get(seconds.size() - 1),
          runs,
          warm.rows() / seconds.get(seconds.size() / 2));
    } finally {
      database.close();
      if (vendor.equals("postgresql")) {
        TestDatabases.dropSchema(schema);
      }
    }
  }

  /** Chains as the store appends them: start, then done/approve/note rows on steps. */
  private static void fill(Database database, int rollouts, int perRollout) throws SQLException {
    Action[] walk = {Action.DONE, Action.APPROVE, Action.NOTE, Action.DONE};
    Instant at = Instant.parse("2026-01-05T09:00:00Z");
    try (Connection connection = database.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement acks =
              connection.prepareStatement(
                  "INSERT INTO acknowledgements"
                      + " (id, rollout_id, partition_name, step_phase, step_position, action, user_id, acted_at,"
                      + " idempotency_key, accepted, detail, chain_key, chain_seq, prev_hash, row_hash)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?)");
          PreparedStatement heads =
              connection.prepareStatement(
                  "INSERT INTO audit_chain_heads"
                      + " (chain_key, seq, row_hash, ack_id) VALUES (?, ?, ?, ?)")) {
        long id = 0;
        for (int r = 0; r < rollouts; r++) {
          String rollout = UUID.randomUUID().toString();
          String chain = "rollout:" + rollout;
          String previous = RecordHash.GENESIS;
          for (int seq = 1; seq <= perRollout; seq++) {
            id++;
            Action action = seq == 1 ? Action.START : walk[(seq - 2) % walk.length];
            Optional<Integer> position =
                seq == 1 ? Optional.empty() : Optional.of((seq - 2) / 2 + 1);
            Instant when = at.plusSeconds(60L * (r * perRollout + seq));
            String detail = action == Action.NOTE ? "saw the canary at 0.2% errors" : "";
            Acknowledgement ack =
                new Acknowledgement(
                    id,
                    Optional.of(rollout),
                    "dev",
                    position.map(p -> Phase.FORWARD),
                    position,
                    action,
                    "U0OPERATOR",
                    when,
                    Optional.of("bench-" + id),
                    true,
                    detail);
            String hash = RecordHash.of(chain, seq, previous, ack);
            acks.setLong(1, id);
            acks.setString(2, rollout);
            acks.setString(3, "dev");
            acks.setString(4, position.isPresent() ? "forward" : null);
            if (position.isPresent()) {
              acks.setInt(5, position.get());
            } else {
              acks.setNull(5, java.sql.Types.INTEGER);
            }
            acks.setString(6, action.label());
            acks.setString(7, "U0OPERATOR");
            acks.setObject(8, OffsetDateTime.ofInstant(when, ZoneOffset.UTC));
            acks.setString(9, "bench-" + id);
            acks.setString(10, detail);
            acks.setString(11, chain);
            acks.setLong(12, seq);
            acks.setString(13, previous);
            acks.setString(14, hash);
            acks.addBatch();
            previous = hash;
          }
          heads.setString(1, chain);
          heads.setLong(2, perRollout);
          heads.setString(3, previous);
          heads.setLong(4, id);
          heads.addBatch();
          if (r % 500 == 499) {
            acks.executeBatch();
            heads.executeBatch();
            connection.commit();
          }
        }
        acks.executeBatch();
        heads.executeBatch();
        connection.commit();
      }
    }
  }
}
