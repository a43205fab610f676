package dev.shepherd.bench;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.AuditReport;
import dev.shepherd.audit.AuditVerifier;
import dev.shepherd.audit.ChainHead;
import dev.shepherd.audit.Evidence;
import dev.shepherd.audit.Phase;
import dev.shepherd.cli.Main;
import dev.shepherd.rollout.ChatThread;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.RunbookRef;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.runbook.Revision;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcAuditLog;
import dev.shepherd.store.JdbcRolloutStore;
import dev.shepherd.store.KeyedStartTable;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.TestDatabases;
import dev.shepherd.testing.TestKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How long {@code shepherd audit verify} takes over an untouched database of many rollouts, beside
 * its floor in the same run: reading the same rows (acknowledgements in chain order, rollouts,
 * their steps) and doing nothing with them. The rollouts are written through the store as Shepherd
 * writes them (keyed links, state digests, heads, a keyed start), each a four-step rollout walked
 * to completion in eight acknowledgements; then {@link AuditVerifier} (what the command runs)
 * checks them, a few times after a warm-up.
 *
 * <p>Usage: {@code bench/audit-verify.sh [h2|postgresql] [rollouts 10000] [runs 5]}.
 */
public final class AuditVerifyBenchmark {
  private static final int ACKS_PER_ROLLOUT = 8;

  private AuditVerifyBenchmark() {}

  public static void main(String[] args) throws Exception {
    String vendor = args.length > 0 ? args[0] : "h2";
    int rollouts = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    String schema = TestDatabases.newSchema();
    String h2 = "jdbc:h2:file:./target/bench/audit-" + schema + ";DB_CLOSE_DELAY=0";
    Database database =
        vendor.equals("postgresql")
            ? TestDatabases.postgres(schema)
            : Database.open(h2, "", "", null);
    try {
      KeyedStartTable.ensure(database.dataSource(), TestKeys.KEYS);
      long fill = System.nanoTime();
      // Many rollouts a transaction, past the deadline a request's transaction is held to: on a
      // connection of the database's own, not the request pool.
      fill(new JdbcRolloutStore(unbounded(vendor, h2, schema), TestKeys.KEYS), rollouts);
      System.out.printf(
          "%s: %,d rollouts, %,d acknowledgements written through the store in %.1f s%n",
          vendor, rollouts, (long) rollouts * ACKS_PER_ROLLOUT, (System.nanoTime() - fill) / 1e9);
      AuditVerifier verifier =
          new AuditVerifier(new JdbcAuditLog(database.reports()), TestKeys.KEYS);
      AuditReport warm = verifier.verify();
      if (!warm.clean() || warm.rows() != (long) rollouts * ACKS_PER_ROLLOUT) {
        throw new IllegalStateException("the untouched database did not verify clean: " + warm);
      }
      long floorRows = readEverything(database);
      List<Double> verify = new ArrayList<>();
      List<Double> floor = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        floor.add(seconds(() -> readEverything(database)));
        verify.add(
            seconds(
                () -> {
                  AuditReport report = verifier.verify();
                  if (!report.clean()) {
                    throw new IllegalStateException("found problems: " + report.problems());
                  }
                  return report;
                }));
      }
      Collections.sort(verify);
      Collections.sort(floor);
      double median = verify.get(verify.size() / 2);
      double floorMedian = floor.get(floor.size() / 2);
      System.out.printf(
          "%s: verify of %,d chains, %,d rows, %,d rollouts: median %.2f s, min %.2f s, max %.2f s"
              + " (%d runs after a warm-up)%n",
          vendor,
          warm.chains(),
          warm.rows(),
          rollouts,
          median,
          verify.get(0),
          verify.get(verify.size() - 1),
          runs);
      System.out.printf(
          "%s: floor (reading the same %,d rows, nothing checked): median %.2f s; verify is %.1f×"
              + " its floor%n",
          vendor, floorRows, floorMedian, median / floorMedian);
      String url =
          vendor.equals("postgresql") ? TestDatabases.PG_URL + "?currentSchema=" + schema : h2;
      String user = vendor.equals("postgresql") ? TestDatabases.PG_USER : "";
      commands(vendor, url, user, new JdbcAuditLog(database.reports()), runs);
    } finally {
      database.close();
      if (vendor.equals("postgresql")) {
        TestDatabases.dropSchema(schema);
      }
    }
  }

  /**
   * The command as a person runs it ({@code shepherd audit verify}, in this JVM), without and with
   * the Slack witness: the fake Web API holds a root message and a summary carrying its chain head
   * for every rollout, all in one channel, as Shepherd posts them. The fake answers at once and
   * unlimited, so this is Shepherd's own cost (pages of 999, no pause); Slack's pacing is added in
   * the printed estimate.
   */
  private static void commands(String vendor, String url, String user, JdbcAuditLog log, int runs)
      throws Exception {
    try (FakeSlack slack = new FakeSlack()) {
      int summaries = 0;
      for (ChainHead head : log.heads().values()) {
        if (!head.chainKey().startsWith("rollout:")) {
          continue;
        }
        String rollout = head.chainKey().substring("rollout:".length());
        slack.plant(
            "C0DEPLOYS",
            null,
            "Rolling out",
            metadata(rollout, "root", ""),
            "U0SHEPHERD",
            "B0SHEPHERD");
        slack.plant(
            "C0DEPLOYS",
            null,
            "Completed, record " + head.hash().substring(0, 8),
            metadata(
                rollout,
                "summary",
                ",\"chain_seq\":" + head.seq() + ",\"chain_head\":\"" + head.hash() + "\""),
            "U0SHEPHERD",
            "B0SHEPHERD");
        summaries++;
      }
      Map<String, String> env =
          Map.of(
              "SLACK_BOT_TOKEN",
              "xoxb-bench-token",
              "SLACK_API_URL",
              slack.apiUrl(),
              "SHEPHERD_AUDIT_KEY",
              TestKeys.SECRET);
      String[] plain = {"audit", "verify", "--db", url, "--db-user", user};
      String[] witnessed = {
        "audit",
        "verify",
        "--db",
        url,
        "--db-user",
        user,
        "--witness",
        "slack",
        "--witness-interval",
        "0",
        "--witness-page-size",
        "999"
      };
      // The witness must have compared every summary, or its time measures nothing.
      String said = commandOutput(env, witnessed);
      String expected = "Slack witnessed " + summaries + " rollout(s) in 1 channel(s) (C0DEPLOYS)";
      if (!said.contains(expected + ": every head matches the database")) {
        throw new IllegalStateException("the witness did not compare every summary:\n" + said);
      }
      List<Double> without = new ArrayList<>();
      List<Double> with = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        without.add(command(env, plain, "verify"));
        with.add(command(env, witnessed, "verify --witness slack"));
      }
      Collections.sort(without);
      Collections.sort(with);
      long calls = slack.calls("conversations.history").size() / (runs + 1);
      System.out.printf(
          "%s: shepherd audit verify: median %.2f s (%.2f–%.2f); with --witness slack (%,d"
              + " summaries among %,d messages, %d conversations.history calls of 999, no pause):"
              + " median %.2f s (%.2f–%.2f)%n",
          vendor,
          without.get(runs / 2),
          without.get(0),
          without.get(runs - 1),
          summaries,
          2 * summaries,
          calls,
          with.get(runs / 2),
          with.get(0),
          with.get(runs - 1));
      System.out.printf(
          "%s: paced as Slack allows: tier 3 (pages of 999, 1.2 s apart) adds %.0f s; outside the"
              + " Marketplace (pages of 15, 60 s apart) %d calls, %.1f h%n",
          vendor,
          (calls - 1) * 1.2,
          (2 * summaries + 14) / 15,
          ((2 * summaries + 14) / 15 - 1) / 60.0);
    }
  }

  private static String metadata(String rollout, String key, String head) {
    return "{\"event_type\":\"shepherd_message\",\"event_payload\":{\"rollout_id\":\""
        + rollout
        + "\",\"key\":\""
        + key
        + "\""
        + head
        + "}}";
  }

  /** Runs a command line, fails unless it exits 0, and returns what it printed. */
  private static String commandOutput(Map<String, String> env, String[] args) {
    StringWriter out = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(out), env, Optional.empty(), args);
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", args) + " exited " + exit + ":\n" + out);
    }
    return out.toString();
  }

  /** Runs a command line, fails unless it exits 0, and returns its seconds. */
  private static double command(Map<String, String> env, String[] args, String what) {
    StringWriter out = new StringWriter();
    long start = System.nanoTime();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(out), env, Optional.empty(), args);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (exit != 0) {
      throw new IllegalStateException(what + " exited " + exit + ":\n" + out);
    }
    return seconds;
  }

  private static DataSource unbounded(String vendor, String h2, String schema) {
    if (vendor.equals("postgresql")) {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setUrl(TestDatabases.PG_URL);
      pg.setUser(TestDatabases.PG_USER);
      pg.setPassword(TestDatabases.PG_PASSWORD);
      pg.setCurrentSchema(schema);
      return pg;
    }
    JdbcDataSource file = new JdbcDataSource();
    file.setURL(h2);
    return file;
  }

  private static double seconds(Supplier<?> work) {
    long start = System.nanoTime();
    work.get();
    return (System.nanoTime() - start) / 1e9;
  }

  /** The floor: every row verify reads, read and dropped. */
  private static long readEverything(Database database) {
    long rows = 0;
    try (Connection connection = database.reports().getConnection()) {
      connection.setAutoCommit(false);
      for (String query :
          List.of(
              "SELECT * FROM acknowledgements ORDER BY chain_key, chain_seq",
              "SELECT * FROM rollouts ORDER BY id",
              "SELECT * FROM rollout_steps ORDER BY rollout_id, phase, step_position")) {
        try (Statement statement = connection.createStatement()) {
          statement.setFetchSize(2000);
          try (ResultSet row = statement.executeQuery(query)) {
            int columns = row.getMetaData().getColumnCount();
            while (row.next()) {
              for (int c = 1; c <= columns; c++) {
                row.getObject(c);
              }
              rows++;
            }
          }
        }
      }
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  /**
   * Rollouts as the engine leaves them, 250 to a transaction: start, done 1, a note, approve 2,
   * done 2, done 3, a note with a file, done 4 (completed).
   */
  private static void fill(JdbcRolloutStore store, int rollouts) {
    Instant at = Instant.parse("2026-01-05T09:00:00Z");
    int batch = 250;
    for (int from = 0; from < rollouts; from += batch) {
      int first = from;
      int last = Math.min(from + batch, rollouts);
      store.inTransaction(
          tx -> {
            for (int r = first; r < last; r++) {
              Instant when = at.plusSeconds(60L * r);
              Rollout rollout = started(when);
              tx.insert(rollout);
              tx.append(ack(rollout, Action.START, Optional.empty(), "U0OPERATOR", when, ""));
              rollout = step(tx, rollout, Action.DONE, 1, "U0OPERATOR", when);
              tx.append(note(rollout, 2, when, List.of()));
              rollout = step(tx, rollout, Action.APPROVE, 2, "U0ALICE", when);
              rollout = step(tx, rollout, Action.DONE, 2, "U0OPERATOR", when);
              rollout = step(tx, rollout, Action.DONE, 3, "U0OPERATOR", when);
              tx.append(
                  note(
                      rollout,
                      4,
                      when,
                      List.of(Evidence.file("canary\tdashboard.png", "https://files/F1"))));
              step(tx, rollout, Action.DONE, 4, "U0OPERATOR", when);
            }
            return null;
          });
    }
  }

  private static Rollout started(Instant when) {
    List<StepRun> steps = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      StepRun pending = StepRun.pending(Phase.FORWARD, i, i, "Step " + i, i == 2, i != 3);
      steps.add(i == 1 ? pending.posted(when) : pending);
    }
    return new Rollout(
        UUID.randomUUID().toString(),
        new RunbookRef("oam-secrets", "oam-secrets.md", "OAM secrets", Revision.commit("abc1234")),
        "dev",
        "U0OPERATOR",
        ChatThread.in("C0DEPLOYS"),
        RolloutState.RUNNING,
        when,
        Optional.empty(),
        Optional.of(when),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of("U0ALICE", "U0BOB"),
        1,
        steps,
        List.of(),
        1);
  }

  /** An accepted step action: the rollout moves on as the engine would move it, then its row. */
  private static Rollout step(
      dev.shepherd.rollout.RolloutStore.Transaction tx,
      Rollout rollout,
      Action action,
      int position,
      String user,
      Instant when) {
    StepRun step = rollout.step(Phase.FORWARD, position).orElseThrow();
    Rollout next;
    if (action == Action.APPROVE) {
      next = rollout.withStep(step.approvedBy(user));
    } else {
      next = rollout.withStep(step.finished(StepState.DONE, user, when, Optional.empty()));
      Optional<StepRun> following = next.step(Phase.FORWARD, position + 1);
      next =
          following.isPresent()
              ? next.withStep(following.get().posted(when))
              : next.withState(RolloutState.COMPLETED, when);
    }
    next = next.bumped();
    tx.update(rollout, next);
    tx.append(ack(rollout, action, Optional.of(position), user, when, ""));
    return next;
  }

  private static Acknowledgement note(
      Rollout rollout, int position, Instant when, List<Evidence> evidence) {
    return new Acknowledgement(
        0,
        Optional.of(rollout.id()),
        rollout.partition(),
        Optional.of(Phase.FORWARD),
        Optional.of(position),
        Action.NOTE,
        "U0ALICE",
        when,
        Optional.of(UUID.randomUUID().toString()),
        true,
        "saw the canary at 0.2% errors",
        evidence);
  }

  private static Acknowledgement ack(
      Rollout rollout,
      Action action,
      Optional<Integer> position,
      String user,
      Instant when,
      String detail) {
    return new Acknowledgement(
        0,
        Optional.of(rollout.id()),
        rollout.partition(),
        position.map(p -> Phase.FORWARD),
        position,
        action,
        user,
        when,
        Optional.of(UUID.randomUUID().toString()),
        true,
        detail);
  }
}
