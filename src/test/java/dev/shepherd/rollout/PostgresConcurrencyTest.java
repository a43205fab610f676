package dev.shepherd.rollout;

import static dev.shepherd.rollout.EngineFixture.ALICE;
import static dev.shepherd.rollout.EngineFixture.BOB;
import static dev.shepherd.rollout.EngineFixture.CHANNEL;
import static dev.shepherd.rollout.EngineFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.store.Database;
import dev.shepherd.testing.DatabaseExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Races that two replicas and impatient people produce, on the real PostgreSQL. */
@Timeout(60)
class PostgresConcurrencyTest {
  private static final int THREADS = 8;
  @RegisterExtension static final DatabaseExtension db = DatabaseExtension.postgres();
  private Database database;
  private EngineFixture engine;

  @BeforeEach
  void setUp() {
    database = db.database();
    engine = new EngineFixture(database);
  }

  @RepeatedTest(3)
  void eightClicksOnTheSameButtonApplyOnce() throws Exception {
    Rollout rollout = engine.started("dev");

    List<Outcome> outcomes =
        race(
            i ->
                engine.service.act(
                    new ActionRequest(
                        rollout.id(),
                        Action.DONE,
                        Phase.FORWARD,
                        1,
                        i % 2 == 0 ? OPERATOR : ALICE,
                        "click-" + i,
                        Optional.empty())));

    assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Accepted).hasSize(1);
    assertThat(outcomes)
        .filteredOn(
            o -> o instanceof Outcome.Refused r && r.refusal().reason() == Refusal.Reason.STALE)
        .hasSize(THREADS - 1);
    List<Acknowledgement> trail = engine.service.trail(rollout.id());
    assertThat(trail).filteredOn(a -> a.accepted() && a.action() == Action.DONE).hasSize(1);
    assertThat(
            engine.service.find(rollout.id()).orElseThrow().currentStep().orElseThrow().position())
        .isEqualTo(2);
  }

  @RepeatedTest(3)
  void theSameClickDeliveredEightTimesIsOneAcknowledgement() throws Exception {
    Rollout rollout = engine.started("dev");

    List<Outcome> outcomes =
        race(
            i ->
                engine.service.act(
                    new ActionRequest(
                        rollout.id(),
                        Action.DONE,
                        Phase.FORWARD,
                        1,
                        OPERATOR,
                        "one-click",
                        Optional.empty())));

    assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Accepted).hasSize(1);
    assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Duplicate).hasSize(THREADS - 1);
    assertThat(engine.service.trail(rollout.id()))
        .filteredOn(a -> a.action() == Action.DONE)
        .hasSize(1);
  }

  @RepeatedTest(3)
  void eightStartsOfTheSamePartitionGiveOneRollout() throws Exception {
    List<Outcome> outcomes =
        race(
            i ->
                engine.service.start(
                    new StartRequest(
                        "oam-secrets",
                        "dev",
                        i % 2 == 0 ? OPERATOR : BOB,
                        CHANNEL,
                        Optional.empty(),
                        "trigger-" + i)));

    assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Accepted).hasSize(1);
    assertThat(outcomes)
        .filteredOn(
            o ->
                o instanceof Outcome.Refused r
                    && r.refusal().reason() == Refusal.Reason.ACTIVE_ROLLOUT)
        .hasSize(THREADS - 1);
    assertThat(engine.service.active()).hasSize(1);
    String winner = engine.service.active().get(0).id();
    assertThat(engine.service.trail(winner))
        .singleElement()
        .satisfies(a -> assertThat(a.action()).isEqualTo(Action.START));
    assertThat(count("SELECT count(*) FROM acknowledgements WHERE action = 'start' AND accepted"))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM rollouts")).isEqualTo(1);
  }

  @Test
  void theDatabaseRefusesToChangeOrDeleteAnAcknowledgement() throws Exception {
    engine.started("dev");

    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      assertThat(
              catchSql(
                  () -> statement.executeUpdate("UPDATE acknowledgements SET user_id = 'U0EVIL'")))
          .contains("acknowledgements are append-only: UPDATE refused");
      assertThat(catchSql(() -> statement.executeUpdate("DELETE FROM acknowledgements")))
          .contains("acknowledgements are append-only: DELETE refused");
    }
    assertThat(count("SELECT count(*) FROM acknowledgements WHERE user_id = 'U0OPERATOR'"))
        .isEqualTo(1);
  }

  private interface SqlAction {
    void run() throws SQLException;
  }

  private static String catchSql(SqlAction action) {
    try {
      action.run();
      return "no error";
    } catch (SQLException e) {
      return e.getMessage();
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private interface Attempt {
    Outcome run(int index);
  }

  /** Runs the attempt on eight threads released at the same instant. */
  private static List<Outcome> race(Attempt attempt) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch ready = new CountDownLatch(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        int index = i;
        Callable<Outcome> task =
            () -> {
              ready.countDown();
              go.await();
              return attempt.run(index);
            };
        futures.add(pool.submit(task));
      }
      ready.await();
      go.countDown();
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        outcomes.add(future.get(30, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
