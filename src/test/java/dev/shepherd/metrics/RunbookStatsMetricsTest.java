package dev.shepherd.metrics;

import static dev.shepherd.rollout.EngineFixture.ALICE;
import static dev.shepherd.rollout.EngineFixture.OPERATOR;
import static dev.shepherd.rollout.EngineFixture.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.learning.stats.RunbookHistory;
import dev.shepherd.rollout.EngineFixture;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcRolloutStore;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.TestKeys;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The runbook stats as Prometheus gauges: their names, values, cache and bounded series. */
class RunbookStatsMetricsTest {
  @RegisterExtension static final DatabaseExtension db = DatabaseExtension.h2();
  private Database database;
  private EngineFixture engine;
  private Metrics metrics;
  private RunbookStatsMetrics gauges;
  private final AtomicInteger computed = new AtomicInteger();

  @BeforeEach
  void setUp() {
    database = db.database();
    engine = new EngineFixture(database);
    metrics = new Metrics();
    RunbookHistory history =
        new RunbookHistory(new JdbcRolloutStore(database.dataSource(), TestKeys.KEYS));
    gauges =
        new RunbookStatsMetrics(
            metrics.registry(),
            engine.catalog::get,
            id -> {
              computed.incrementAndGet();
              return history.stats(id);
            },
            engine.clock,
            Duration.ofHours(1));
    metrics.beforeScrape(gauges::refresh);
  }

  @AfterEach
  void tearDown() {
    metrics.close();
  }

  @Test
  void theFiguresOfEachRunbookAreGaugesNamedForPrometheus() {
    complete("dev", 2);
    complete("dev", 4);
    failThenRollBack("stage");

    String scrape = metrics.scrape();

    assertThat(scrape)
        .contains(
            "shepherd_runbook_runs{outcome=\"completed\",partition=\"dev\",runbook=\"oam-secrets\"} 2.0",
            "shepherd_runbook_runs{outcome=\"aborted\",partition=\"dev\",runbook=\"oam-secrets\"} 0.0",
            "shepherd_runbook_runs{outcome=\"rolled_back\",partition=\"stage\",runbook=\"oam-secrets\"} 1.0",
            "shepherd_runbook_duration_median_seconds{partition=\"dev\",runbook=\"oam-secrets\"} 720.0",
            "shepherd_runbook_step_duration_median_seconds{runbook=\"oam-secrets\",step=\"1\",title=\"Check for drift\"} 180.0",
            "shepherd_runbook_failure_ratio{runbook=\"oam-secrets\"} 0.3333333333333333",
            "shepherd_runbook_rollback_ratio{runbook=\"oam-secrets\"} 0.3333333333333333",
            "shepherd_runbook_change_failure_ratio{runbook=\"oam-secrets\"} 0.3333333333333333",
            "shepherd_runbook_failure_resolution_mean_seconds{runbook=\"oam-secrets\"} 420.0",
            "# HELP shepherd_runbook_change_failure_ratio share of a runbook's recent runs rolled back"
                + " or aborted after a failure");
    assertThat(scrape)
        .doesNotContain("shepherd_runbook_duration_median_seconds{partition=\"stage\"");
  }

  @Test
  void aRunbookWithoutHistoryHasNoSeries() {
    assertThat(metrics.scrape())
        .doesNotContain("shepherd_runbook_runs{")
        .doesNotContain("shepherd_runbook_change_failure_ratio{");
  }

  @Test
  void theFiguresAreCachedUntilARolloutEndsOrTheyAreOld() {
    complete("dev", 2);
    assertThat(metrics.scrape()).contains(runs("dev", 1));
    assertThat(computed).hasValue(1);

    Rollout unseen = complete("dev", 2); // ended 8 minutes later, but the observer was not told
    assertThat(metrics.scrape()).contains(runs("dev", 1));
    assertThat(computed).as("a scrape within the hour reads no store").hasValue(1);

    gauges.observed(
        new Outcome.Accepted(
            Optional.of(unseen),
            engine.service.trail(unseen.id()).get(engine.service.trail(unseen.id()).size() - 1)));
    assertThat(metrics.scrape()).contains(runs("dev", 2));
    assertThat(computed).hasValue(2);

    complete("dev", 2);
    engine.clock.advance(Duration.ofMinutes(52).minusSeconds(1));
    assertThat(metrics.scrape()).contains(runs("dev", 2));
    engine.clock.advance(Duration.ofSeconds(1));
    assertThat(metrics.scrape()).contains(runs("dev", 3));
    assertThat(computed).hasValue(3);
  }

  @Test
  void onlyRunbooksInTheCatalogHaveSeries() {
    complete("dev", 2);
    assertThat(metrics.scrape()).contains(runs("dev", 1));

    engine.catalog.set(new Catalog(List.of(), List.of()));
    engine.clock.advance(Duration.ofHours(1));

    assertThat(metrics.scrape()).doesNotContain("runbook=\"oam-secrets\"");
  }

  private static String runs(String partition, int count) {
    return "shepherd_runbook_runs{outcome=\"completed\",partition=\""
        + partition
        + "\",runbook=\"oam-secrets\"} "
        + count
        + ".0";
  }

  /** Four steps of {@code minutes} each on the fixture's clock. */
  private Rollout complete(String partition, long minutes) {
    Rollout rollout = engine.started(partition);
    for (int step = 1; step <= 4; step++) {
      engine.clock.advance(Duration.ofMinutes(minutes));
      if (step == 2) {
        accepted(engine.act(rollout, Action.APPROVE, 2, ALICE));
      }
      rollout = accepted(engine.act(rollout, Action.DONE, step, OPERATOR));
    }
    return rollout;
  }

  /** Step 1 takes 3 minutes, step 2 fails 2 minutes in and is rolled back 7 minutes later. */
  private void failThenRollBack(String partition) {
    Rollout rollout = engine.started(partition);
    engine.clock.advance(Duration.ofMinutes(3));
    rollout = accepted(engine.act(rollout, Action.DONE, 1, OPERATOR));
    engine.clock.advance(Duration.ofMinutes(2));
    rollout = accepted(engine.act(rollout, Action.FAIL, 2, OPERATOR));
    engine.clock.advance(Duration.ofMinutes(3));
    rollout = accepted(engine.act(rollout, Action.ROLLBACK, 2, OPERATOR));
    for (int position = 1; position <= rollout.rollbackSteps().size(); position++) {
      engine.clock.advance(Duration.ofMinutes(2));
      if (rollout.rollbackSteps().get(position - 1).needsApproval()) {
        accepted(
            engine.act(
                rollout.id(), Action.APPROVE, Phase.ROLLBACK, position, ALICE, Optional.empty()));
      }
      rollout =
          accepted(
              engine.act(
                  rollout.id(), Action.DONE, Phase.ROLLBACK, position, OPERATOR, Optional.empty()));
    }
  }
}
