package dev.shepherd.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.learning.stats.RunbookHistory;
import dev.shepherd.learning.stats.RunbookStats;
import dev.shepherd.rollout.EngineFixture;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcRolloutStore;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import dev.shepherd.testing.TestKeys;
import java.time.Duration;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;

/**
 * Each figure of a runbook's history, from rollouts walked through the real engine on a real
 * database: each test runs on H2 and on PostgreSQL.
 */
class RunbookStatsTest {
  private Database database;
  private EngineFixture engine;
  private RunbookHistory history;

  @BeforeEach
  void setUp(DatabaseExtension db) {
    database = db.database();
    engine = new EngineFixture(database);
    history = new RunbookHistory(new JdbcRolloutStore(database.dataSource(), TestKeys.KEYS));
  }

  @DatabaseTest
  void aRunbookWithoutHistoryHasNoFigures() {
    new TimedWalk(engine, "dev").done(1); // still running: not history yet

    RunbookStats stats = history.stats("oam-secrets");

    assertThat(stats.isEmpty()).isTrue();
    assertThat(stats.runs()).isZero();
    assertThat(stats.partitions()).isEmpty();
    assertThat(stats.steps()).isEmpty();
    assertThat(stats.failureRate()).isEmpty();
    assertThat(stats.changeFailureRate()).isEmpty();
    assertThat(stats.meanTimeToResolve()).isEmpty();
    assertThat(stats.medianOf(1, "Check for drift")).isEmpty();
  }

  @DatabaseTest
  void runsAreCountedPerPartitionByHowTheyEnded() {
    new TimedWalk(engine, "dev").done(1, 2, 3, 4);
    new TimedWalk(engine, "dev").done(1).abort(1);
    new TimedWalk(engine, "dev").done(1, 2, 3, 4);
    new TimedWalk(engine, "stage")
        .done(1)
        .fail(2, "`UPDATE_ROLLBACK_COMPLETE`")
        .rollback(1)
        .done(3, 1);
    new TimedWalk(engine, "stage").done(1, 1, 1, 1);

    RunbookStats stats = history.stats("oam-secrets");

    assertThat(stats.runs()).isEqualTo(5);
    assertThat(stats.partitions())
        .extracting(RunbookStats.PartitionStats::partition)
        .containsExactly("dev", "stage");
    RunbookStats.PartitionStats dev = stats.partition("dev").orElseThrow();
    assertThat(dev.completed()).isEqualTo(2);
    assertThat(dev.aborted()).isEqualTo(1);
    assertThat(dev.rolledBack()).isZero();
    assertThat(dev.runs()).isEqualTo(3);
    RunbookStats.PartitionStats stage = stats.partition("stage").orElseThrow();
    assertThat(stage.completed()).isEqualTo(1);
    assertThat(stage.rolledBack()).isEqualTo(1);
    assertThat(stats.partition("prod")).isEmpty();
  }

  @DatabaseTest
  void theMedianDurationOfAPartitionIsOfItsCompletedRuns() {
    new TimedWalk(engine, "dev").done(1, 2, 3, 4); // 10m
    new TimedWalk(engine, "dev").done(3, 2, 5, 4); // 14m
    new TimedWalk(engine, "dev").done(30).abort(30); // aborted: not a measure of the runbook
    new TimedWalk(engine, "stage").done(2, 2, 2, 2); // 8m
    new TimedWalk(engine, "stage").done(2, 2, 2, 3); // 9m
    new TimedWalk(engine, "stage").done(5, 5, 5, 5); // 20m

    RunbookStats stats = history.stats("oam-secrets");

    assertThat(stats.partition("dev").orElseThrow().medianDuration())
        .contains(Duration.ofMinutes(12));
    assertThat(stats.partition("stage").orElseThrow().medianDuration())
        .contains(Duration.ofMinutes(9));
  }

  @DatabaseTest
  void theMedianOfAStepIsOfItsDoneRunsKeyedByNumberAndTitle() {
    new TimedWalk(engine, "dev").done(1, 2, 3, 4);
    new TimedWalk(engine, "dev").done(3, 6, 5, 4);
    new TimedWalk(engine, "dev").done(2, 4).skip(50, "smoke runs nightly").done(8);
    new TimedWalk(engine, "stage").done(2).fail(40, "`AccessDenied`").abort(1);

    RunbookStats stats = history.stats("oam-secrets");

    assertThat(stats.medianOf(1, "Check for drift")).contains(Duration.ofMinutes(2)); // 1, 3, 2, 2
    assertThat(stats.medianOf(1, "  check FOR drift ")).contains(Duration.ofMinutes(2));
    assertThat(stats.medianOf(2, "Deploy")).contains(Duration.ofMinutes(4)); // 2, 6, 4
    assertThat(stats.medianOf(3, "Smoke test"))
        .contains(Duration.ofMinutes(4)); // 3, 5; not the skip
    assertThat(stats.medianOf(4, "Clean up")).contains(Duration.ofMinutes(4)); // 4, 4, 8
    assertThat(stats.medianOf(2, "Smoke test")).isEmpty();
    assertThat(stats.medianOf(5, "Deploy")).isEmpty();
    assertThat(stats.steps())
        .extracting(RunbookStats.StepStats::runbookStep, RunbookStats.StepStats::runs)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, 4),
            org.assertj.core.groups.Tuple.tuple(2, 3),
            org.assertj.core.groups.Tuple.tuple(3, 2),
            org.assertj.core.groups.Tuple.tuple(4, 3));
  }

  @DatabaseTest
  void aRetriedStepIsTimedFromItsFirstPostingIncludingTheFix() {
    new TimedWalk(engine, "dev").done(1, 2).fail(3, "smoke test hangs").retry(20).done(4, 1);

    RunbookStats stats = history.stats("oam-secrets");

    assertThat(stats.medianOf(3, "Smoke test")).contains(Duration.ofMinutes(27));
  }

  @DatabaseTest
  void aStepRenamedByALaterRevisionStartsAfresh() {
    new TimedWalk(engine, "dev").done(1, 2, 3, 4);
    engine.publish(
        EngineFixture.RUNBOOK.replace("## Step 3: Smoke test", "## Step 3: Probe"), "rev-2");
    new TimedWalk(engine, "dev").done(1, 2, 9, 4);

    RunbookStats stats = history.stats("oam-secrets");

    assertThat(stats.medianOf(3, "Smoke test")).contains(Duration.ofMinutes(3));
    assertThat(stats.medianOf(3, "Probe")).contains(Duration.ofMinutes(9));
  }

  @DatabaseTest
  void failureRollbackAndChangeFailureRatesAreSharesOfEveryRun() {
    new TimedWalk(engine, "dev").done(1, 1, 1, 1); // clean
    new TimedWalk(engine, "dev").done(1).fail(1, "drift").retry(1).done(1, 1, 1); // failed, fixed
    new TimedWalk(engine, "dev").done(1).fail(1, "boom").rollback(1).done(1, 1); // rolled back
    new TimedWalk(engine, "dev").done(1).fail(1, "boom").abort(1); // aborted after a failure
    new TimedWalk(engine, "dev").done(1).abort(1); // aborted, nothing failed

    RunbookStats stats = history.stats("oam-secrets");

    assertThat(stats.runs()).isEqualTo(5);
    assertThat(stats.failedRuns()).isEqualTo(3);
    assertThat(stats.failureRate().getAsDouble()).isCloseTo(0.6, Offset.offset(1e-9));
    assertThat(stats.rolledBackRuns()).isEqualTo(1);
    assertThat(stats.rollbackRate().getAsDouble()).isCloseTo(0.2, Offset.offset(1e-9));
    assertThat(stats.changeFailures()).isEqualTo(2);
    assertThat(stats.changeFailureRate().getAsDouble()).isCloseTo(0.4, Offset.offset(1e-9));
  }

  @DatabaseTest
  void aFailureIsResolvedByTheStepsNextDoneOrSkipOrTheEndOfTheRollback() {
    // 3 failing minutes, 10 to retry, 5 more until done: resolved 15m after the failure.
    new TimedWalk(engine, "dev").done(1).fail(3, "drift").retry(10).done(5, 1, 1);
    // Failed, skipped 7 minutes later.
    new TimedWalk(engine, "dev").done(1, 1).fail(1, "hangs").skip(7, "checked by hand").done(1);
    // Failed at step 2, rolled back after 2 minutes, the walk back took 4 + 5: 11m.
    Rollout rolledBack =
        new TimedWalk(engine, "dev").done(1).fail(1, "boom").rollback(2).done(4, 5).rollout;
    // Aborted after a failure: never resolved, so not in the mean.
    new TimedWalk(engine, "dev").fail(1, "boom").abort(60);

    RunbookStats stats = history.stats("oam-secrets");

    assertThat(rolledBack.state()).isEqualTo(RolloutState.ROLLED_BACK);
    assertThat(stats.resolvedFailures()).isEqualTo(3);
    assertThat(stats.meanTimeToResolve()).contains(Duration.ofMinutes(11)); // (15 + 7 + 11) / 3
  }

  @DatabaseTest
  void aStepThatFailsAgainAfterARetryIsOneFailureTimedFromTheFirst() {
    new TimedWalk(engine, "dev")
        .done(1)
        .fail(2, "drift")
        .retry(3)
        .fail(4, "still drift")
        .retry(5)
        .done(6, 1, 1);

    RunbookStats stats = history.stats("oam-secrets");

    assertThat(stats.failedRuns()).isEqualTo(1);
    assertThat(stats.resolvedFailures()).isEqualTo(1);
    assertThat(stats.meanTimeToResolve()).contains(Duration.ofMinutes(18));
  }

  @DatabaseTest
  void theHistoryBeforeARolloutLeavesItAndLaterRunsOut() {
    new TimedWalk(engine, "dev").done(1, 1, 1, 1);
    Rollout measured = new TimedWalk(engine, "dev").done(1, 1, 30, 1).rollout;
    new TimedWalk(engine, "dev").done(1, 1, 50, 1);

    RunbookStats before = history.before(measured);

    assertThat(before.runs()).isEqualTo(1);
    assertThat(before.medianOf(3, "Smoke test")).contains(Duration.ofMinutes(1));
    assertThat(history.stats("oam-secrets").medianOf(3, "Smoke test"))
        .contains(Duration.ofMinutes(30));
  }

  @DatabaseTest
  void theHistoryCoversTheLatestRunsUpToItsLimit() {
    RunbookHistory latestTwo =
        new RunbookHistory(new JdbcRolloutStore(database.dataSource(), TestKeys.KEYS), 2);
    new TimedWalk(engine, "dev").done(9, 9, 9, 9);
    new TimedWalk(engine, "dev").done(1, 1, 1, 1);
    new TimedWalk(engine, "dev").done(3, 3, 3, 3);

    RunbookStats stats = latestTwo.stats("oam-secrets");

    assertThat(stats.runs()).isEqualTo(2);
    assertThat(stats.medianOf(1, "Check for drift")).contains(Duration.ofMinutes(2));
    assertThat(history.stats("other-runbook").isEmpty()).isTrue();
  }
}
