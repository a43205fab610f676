package dev.shepherd.bench;

import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.EngineFixture;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.store.Database;
import dev.shepherd.testing.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The learning loop's costs against a runbook's history of ended rollouts, each failed at step 3
 * with a symptom its runbook lacks (so each has findings) and then retried and done:
 *
 * <ul>
 *   <li>deriving one ended rollout's findings (what the summary's sync does once it ends);
 *   <li>the start-up catch-up of a register the database never filled (an upgrade);
 *   <li>a start on prod, which reads the register for its warnings, once it is filled;
 *   <li>{@code /rollout risks} for the runbook.
 * </ul>
 *
 * Usage: {@code bench/risk-register.sh [h2|postgresql] [ended rollouts 100] [timed starts 50]}.
 */
public final class RiskRegisterBenchmark {
  private RiskRegisterBenchmark() {}

  public static void main(String[] args) throws Exception {
    String vendor = args.length > 0 ? args[0] : "h2";
    int history = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int starts = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    String schema = TestDatabases.newSchema();
    Database database =
        vendor.equals("postgresql")
            ? TestDatabases.postgres(schema)
            : Database.open(
                "jdbc:h2:file:./target/bench/risks-" + schema + ";DB_CLOSE_DELAY=0", "", "", null);
    try {
      EngineFixture engine = EngineFixture.learning(database);
      List<String> ended = new ArrayList<>();
      long fill = System.nanoTime();
      for (int i = 0; i < history; i++) {
        ended.add(failedAndFixed(engine, "dev").id());
        engine.clock.advance(Duration.ofMinutes(30));
      }
      System.out.printf(
          "%s: %,d ended rollouts written in %.1f s%n",
          vendor, history, (System.nanoTime() - fill) / 1e9);

      String newest = ended.get(ended.size() - 1);
      report(
          "derive one ended rollout's findings",
          time(
              20,
              () -> {
                forget(database, "WHERE rollout_id = '" + newest + "'");
                return engine.findings.of(newest).size();
              }));
      forget(database, "");
      long catchUp = System.nanoTime();
      engine.findings.catchUp(List.of("oam-secrets"));
      System.out.printf(
          "catch up a register never filled (%d rollouts): %.0f ms%n",
          history, (System.nanoTime() - catchUp) / 1e6);

      report(
          "start on dev with the register's warnings (then abort)",
          time(
              starts,
              () -> {
                Rollout started =
                    EngineFixture.accepted(engine.start("dev", EngineFixture.OPERATOR));
                EngineFixture.accepted(
                    engine.act(
                        started.id(),
                        Action.ABORT,
                        Phase.FORWARD,
                        0,
                        EngineFixture.OPERATOR,
                        Optional.empty()));
                return started.warnings().size();
              }));
      report(
          "/rollout risks oam-secrets",
          time(
              starts,
              () ->
                  engine
                      .findings
                      .openAgainst(engine.catalog.get().find("oam-secrets").orElseThrow())
                      .size()));
    } finally {
      database.close();
      if (vendor.equals("postgresql")) {
        TestDatabases.dropSchema(schema);
      }
    }
  }

  /** Empties the register (or one rollout's part of it), as a database before V17 had it. */
  private static void forget(Database database, String where) {
    try (var connection = database.dataSource().getConnection();
        var statement = connection.createStatement()) {
      statement.executeUpdate("DELETE FROM runbook_findings " + where);
      statement.executeUpdate("DELETE FROM finding_scans " + where);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Rollout failedAndFixed(EngineFixture engine, String partition) {
    Rollout rollout = EngineFixture.accepted(engine.start(partition, EngineFixture.OPERATOR));
    for (int step = 1; step <= rollout.steps().size(); step++) {
      StepRun run = rollout.step(Phase.FORWARD, step).orElseThrow();
      if (run.needsApproval()) {
        EngineFixture.accepted(engine.act(rollout, Action.APPROVE, step, EngineFixture.ALICE));
      }
      if (step == 3) {
        EngineFixture.accepted(
            engine.act(
                rollout.id(),
                Action.FAIL,
                Phase.FORWARD,
                3,
                EngineFixture.OPERATOR,
                Optional.of("`Rate exceeded` from the smoke test")));
        EngineFixture.accepted(engine.act(rollout, Action.RETRY, 3, EngineFixture.OPERATOR));
      }
      Outcome done = engine.act(rollout, Action.DONE, step, EngineFixture.OPERATOR);
      rollout = EngineFixture.accepted(done);
    }
    return rollout;
  }

  private static List<Double> time(int runs, Supplier<Integer> work) {
    for (int i = 0; i < 3; i++) {
      work.get();
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      work.get();
      millis.add((System.nanoTime() - start) / 1e6);
    }
    return millis;
  }

  private static void report(String what, List<Double> millis) {
    List<Double> sorted = millis.stream().sorted().toList();
    System.out.printf(
        "%s: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d runs%n",
        what,
        sorted.get(sorted.size() / 2),
        sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)),
        sorted.get(sorted.size() - 1),
        sorted.size());
  }
}
