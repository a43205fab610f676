package dev.shepherd.metrics;

import dev.shepherd.learning.stats.RunbookStats;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.RolloutObserver;
import dev.shepherd.rollout.StoreFailure;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Runbook;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures of {@code /rollout stats} as gauges, one series per runbook of the catalog (and per
 * partition or step of its recent history), so their number stays bounded. Computed from the store
 * on a scrape, at most once per {@code maxAge} unless a rollout ended meanwhile.
 */
public final class RunbookStatsMetrics implements RolloutObserver {
  private static final Logger log = LoggerFactory.getLogger(RunbookStatsMetrics.class);
  private static final List<String> OUTCOMES = List.of("completed", "rolled_back", "aborted");

  private final Supplier<Catalog> catalog;
  private final Function<String, RunbookStats> stats;
  private final Clock clock;
  private final Duration maxAge;
  private final AtomicBoolean ended = new AtomicBoolean(true);
  private final MultiGauge runs;
  private final MultiGauge partitionMedian;
  private final MultiGauge stepMedian;
  private final MultiGauge failureRatio;
  private final MultiGauge rollbackRatio;
  private final MultiGauge changeFailureRatio;
  private final MultiGauge resolutionMean;
  private Optional<Instant> refreshed = Optional.empty();

  public RunbookStatsMetrics(
      MeterRegistry registry,
      Supplier<Catalog> catalog,
      Function<String, RunbookStats> stats,
      Clock clock,
      Duration maxAge) {
    Objects.requireNonNull(registry, "registry");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.stats = Objects.requireNonNull(stats, "stats");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.runs =
        MultiGauge.builder("shepherd.runbook.runs")
            .description("recent ended runs of a runbook, by partition and how they ended")
            .register(registry);
    this.partitionMedian =
        MultiGauge.builder("shepherd.runbook.duration.median")
            .description("median duration of a runbook's recent completed runs on a partition")
            .baseUnit("seconds")
            .register(registry);
    this.stepMedian =
        MultiGauge.builder("shepherd.runbook.step.duration.median")
            .description("median time of a runbook step's recent done runs, from first posting")
            .baseUnit("seconds")
            .register(registry);
    this.failureRatio =
        MultiGauge.builder("shepherd.runbook.failure.ratio")
            .description("share of a runbook's recent runs with a failed step")
            .register(registry);
    this.rollbackRatio =
        MultiGauge.builder("shepherd.runbook.rollback.ratio")
            .description("share of a runbook's recent runs that were rolled back")
            .register(registry);
    this.changeFailureRatio =
        MultiGauge.builder("shepherd.runbook.change.failure.ratio")
            .description("share of a runbook's recent runs rolled back or aborted after a failure")
            .register(registry);
    this.resolutionMean =
        MultiGauge.builder("shepherd.runbook.failure.resolution.mean")
            .description(
                "mean time from a step's failure to its next done or skip, or the end of"
                    + " the rollback")
            .baseUnit("seconds")
            .register(registry);
  }

  /** A rollout that ended changes the figures: the next scrape computes them again. */
  @Override
  public void observed(Outcome outcome) {
    if (outcome instanceof Outcome.Accepted
        && outcome.rollout().isPresent()
        && !outcome.rollout().get().state().isActive()) {
      ended.set(true);
    }
  }

  /** Computes the figures again when they are older than {@code maxAge} or a rollout ended. */
  public synchronized void refresh() {
    Instant now = clock.instant();
    boolean fresh =
        refreshed.map(at -> Duration.between(at, now).compareTo(maxAge) < 0).orElse(false);
    if (fresh && !ended.get()) {
      return;
    }
    ended.set(false);
    List<RunbookStats> all = new ArrayList<>();
    try {
      for (Runbook runbook : catalog.get().runbooks()) {
        all.add(stats.apply(runbook.id()));
      }
    } catch (StoreFailure e) {
      // A scrape must still answer (the JVM's and the engine's meters matter most when the
      // database is down): keep the last figures, and try again on the next scrape.
      ended.set(true);
      log.warn("runbook stats not refreshed, the last ones are kept: {}", e.getMessage());
      return;
    }
    publish(all);
    refreshed = Optional.of(now);
  }

  private void publish(List<RunbookStats> all) {
    List<MultiGauge.Row<?>> runRows = new ArrayList<>();
    List<MultiGauge.Row<?>> partitionRows = new ArrayList<>();
    List<MultiGauge.Row<?>> stepRows = new ArrayList<>();
    List<MultiGauge.Row<?>> failureRows = new ArrayList<>();
    List<MultiGauge.Row<?>> rollbackRows = new ArrayList<>();
    List<MultiGauge.Row<?>> changeRows = new ArrayList<>();
    List<MultiGauge.Row<?>> resolutionRows = new ArrayList<>();
    for (RunbookStats runbook : all) {
      Tags tags = Tags.of("runbook", runbook.runbookId());
      for (RunbookStats.PartitionStats partition : runbook.partitions()) {
        Tags where = tags.and("partition", partition.partition());
        int[] counts = {partition.completed(), partition.rolledBack(), partition.aborted()};
        for (int i = 0; i < OUTCOMES.size(); i++) {
          runRows.add(MultiGauge.Row.of(where.and("outcome", OUTCOMES.get(i)), counts[i]));
        }
        partition
            .medianDuration()
            .ifPresent(d -> partitionRows.add(MultiGauge.Row.of(where, seconds(d))));
      }
      for (RunbookStats.StepStats step : runbook.steps()) {
        stepRows.add(
            MultiGauge.Row.of(
                tags.and("step", String.valueOf(step.runbookStep())).and("title", step.title()),
                seconds(step.median())));
      }
      runbook.failureRate().ifPresent(r -> failureRows.add(MultiGauge.Row.of(tags, r)));
      runbook.rollbackRate().ifPresent(r -> rollbackRows.add(MultiGauge.Row.of(tags, r)));
      runbook.changeFailureRate().ifPresent(r -> changeRows.add(MultiGauge.Row.of(tags, r)));
      runbook
          .meanTimeToResolve()
          .ifPresent(d -> resolutionRows.add(MultiGauge.Row.of(tags, seconds(d))));
    }
    // overwrite: a runbook gone from the catalog, or a partition gone from its history, goes.
    runs.register(runRows, true);
    partitionMedian.register(partitionRows, true);
    stepMedian.register(stepRows, true);
    failureRatio.register(failureRows, true);
    rollbackRatio.register(rollbackRows, true);
    changeFailureRatio.register(changeRows, true);
    resolutionMean.register(resolutionRows, true);
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
