package dev.shepherd.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.store.Database;
import dev.shepherd.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random sequences of starts, clicks (many stale, many by the wrong people), freezes and repeated
 * idempotency keys, seeded so a failure names its seed and replays. After every request the
 * database must hold no impossible state.
 */
class RandomActionSequencesTest {
  private static final List<String> USERS =
      List.of(
          EngineFixture.OPERATOR,
          EngineFixture.ALICE,
          EngineFixture.BOB,
          EngineFixture.PROD_LEAD,
          EngineFixture.STRANGER);
  private static final List<String> PARTITIONS = List.of("dev", "stage", "prod");

  static Stream<Long> seeds() {
    return IntStream.rangeClosed(1, 40).mapToObj(i -> 7919L * i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void noSequenceOfActionsReachesAnImpossibleState(long seed) throws SQLException {
    Random random = new Random(seed);
    try (Database database = TestDatabases.h2()) {
      EngineFixture engine = new EngineFixture(database);
      List<String> rollouts = new ArrayList<>();
      List<String> usedKeys = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        String key =
            usedKeys.isEmpty() || random.nextInt(10) > 0
                ? "k" + seed + "-" + i
                : usedKeys.get(random.nextInt(usedKeys.size()));
        usedKeys.add(key);
        Outcome outcome = randomRequest(engine, random, rollouts, key);
        outcome
            .rollout()
            .map(Rollout::id)
            .filter(id -> !rollouts.contains(id))
            .ifPresent(rollouts::add);
        assertInvariants(
            database, engine, rollouts, "seed " + seed + ", request " + i + ": " + outcome);
      }
    }
  }

  private static Outcome randomRequest(
      EngineFixture engine, Random random, List<String> rollouts, String key) {
    String user = USERS.get(random.nextInt(USERS.size()));
    String partition = PARTITIONS.get(random.nextInt(PARTITIONS.size()));
    int kind = random.nextInt(20);
    if (kind < 3 || rollouts.isEmpty()) {
      Optional<String> override = random.nextBoolean() ? Optional.of("drill") : Optional.empty();
      return engine.service.start(
          new StartRequest("oam-secrets", partition, user, EngineFixture.CHANNEL, override, key));
    }
    if (kind == 3) {
      return engine.service.freeze(partition, user, random.nextBoolean() ? "incident" : "", key);
    }
    if (kind == 4) {
      return engine.service.unfreeze(partition, user, key);
    }
    String rolloutId = rollouts.get(random.nextInt(rollouts.size()));
    Rollout rollout = engine.service.find(rolloutId).orElseThrow();
    Action action =
        List.of(
                Action.DONE,
                Action.DONE,
                Action.APPROVE,
                Action.APPROVE,
                Action.FAIL,
                Action.SKIP,
                Action.RETRY,
                Action.ROLLBACK,
                Action.ABORT)
            .get(random.nextInt(9));
    // Mostly aim at the current step with a plausible user; sometimes anywhere (stale clicks).
    Optional<StepRun> current = rollout.currentStep();
    Phase phase = current.map(StepRun::phase).orElse(Phase.FORWARD);
    int position = current.map(StepRun::position).orElse(1);
    if (random.nextInt(4) == 0) {
      phase = random.nextBoolean() ? Phase.FORWARD : Phase.ROLLBACK;
      position = 1 + random.nextInt(5);
    }
    if (random.nextInt(3) > 0) {
      user =
          action == Action.APPROVE || action == Action.SKIP
              ? rollout.approvers().get(random.nextInt(rollout.approvers().size()))
              : rollout.operator();
    }
    Optional<String> reason = random.nextInt(3) > 0 ? Optional.of("because") : Optional.empty();
    return engine.service.act(
        new ActionRequest(rolloutId, action, phase, position, user, key, reason));
  }

  private static void assertInvariants(
      Database database, EngineFixture engine, List<String> rollouts, String context)
      throws SQLException {
    Map<String, Integer> activePerPartition = new HashMap<>();
    for (String id : rollouts) {
      Rollout rollout = engine.service.find(id).orElseThrow();
      for (StepRun step : rollout.steps()) {
        if (step.state() == StepState.DONE) {
          assertThat(step.isApproved(rollout.approvalsNeeded()))
              .as(context + ": done without approval: " + step)
              .isTrue();
          assertThat(step.approvedBy())
              .as(context + ": operator approved own step")
              .doesNotContain(rollout.operator())
              .doesNotHaveDuplicates();
        }
      }
      if ("prod".equals(rollout.partition())) {
        assertThat(rollout.steps())
            .as(context + ": protected prod")
            .allMatch(StepRun::needsApproval);
      }
      if (rollout.state().isActive()) {
        activePerPartition.merge(rollout.partition(), 1, Integer::sum);
      }
      List<Acknowledgement> trail = engine.service.trail(id);
      assertThat(rollout.version())
          .as(context + ": every accepted acknowledgement is exactly one state change of " + id)
          .isEqualTo((int) trail.stream().filter(Acknowledgement::accepted).count());
    }
    assertThat(activePerPartition.values())
        .as(context + ": two active rollouts on a partition")
        .allMatch(count -> count == 1);
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT (SELECT count(*) FROM active_partitions),"
                    + " (SELECT count(*) FROM rollouts WHERE state IN ('scheduled', 'checklist', 'running',"
                    + " 'rolling_back')), (SELECT count(*) FROM acknowledgements WHERE accepted AND action"
                    + " = 'start'), (SELECT count(*) FROM rollouts)")) {
      rows.next();
      assertThat(rows.getLong(1))
          .as(context + ": active claims match active rollouts")
          .isEqualTo(rows.getLong(2));
      assertThat(rows.getLong(3))
          .as(context + ": one accepted start per rollout")
          .isEqualTo(rows.getLong(4));
    }
  }
}
