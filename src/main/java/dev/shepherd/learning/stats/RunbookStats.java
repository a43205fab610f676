package dev.shepherd.learning.stats;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a runbook's history says about it: runs per partition and how they ended, how long a run and
 * each step usually take, how often a run fails or is rolled back, and how long a failure takes to
 * resolve. Immutable; computed from ended rollouts and their trails only.
 *
 * <p>A run is an ended rollout that started: a scheduled rollout cancelled before its start is not
 * a run. Durations are medians of completed runs (an abort a minute in says nothing about how long
 * the runbook takes) and of done steps, each step timed as {@link StepTimes#took}.
 */
public final class RunbookStats implements StepMedians {
  /** One ended rollout with its trail (every acknowledgement, oldest first). */
  public record Run(Rollout rollout, List<Acknowledgement> trail) {
    public Run {
      Objects.requireNonNull(rollout, "rollout");
      trail = List.copyOf(trail);
    }
  }

  /** The runs of one partition: how many ended which way, and a completed run's median. */
  public record PartitionStats(
      String partition,
      int completed,
      int rolledBack,
      int aborted,
      Optional<Duration> medianDuration) {
    public int runs() {
      return completed + rolledBack + aborted;
    }
  }

  /** A runbook step's done runs, keyed by its number and title: a renamed step starts afresh. */
  public record StepStats(int runbookStep, String title, int runs, Duration median) {}

  private final String runbookId;
  private final List<PartitionStats> partitions;
  private final List<StepStats> steps;
  private final int runs;
  private final int failed;
  private final int rolledBack;
  private final int changeFailures;
  private final int resolvedFailures;
  private final Optional<Duration> meanTimeToResolve;

  private RunbookStats(
      String runbookId,
      List<PartitionStats> partitions,
      List<StepStats> steps,
      int runs,
      int failed,
      int rolledBack,
      int changeFailures,
      int resolvedFailures,
      Optional<Duration> meanTimeToResolve) {
    this.runbookId = runbookId;
    this.partitions = List.copyOf(partitions);
    this.steps = List.copyOf(steps);
    this.runs = runs;
    this.failed = failed;
    this.rolledBack = rolledBack;
    this.changeFailures = changeFailures;
    this.resolvedFailures = resolvedFailures;
    this.meanTimeToResolve = meanTimeToResolve;
  }

  /** The stats of a runbook's history, in any order; runs of other runbooks are left out. */
  public static RunbookStats of(String runbookId, List<Run> history) {
    Objects.requireNonNull(runbookId, "runbookId");
    List<Run> runs =
        history.stream()
            .filter(r -> r.rollout().runbook().id().equals(runbookId))
            .filter(r -> !r.rollout().state().isActive() && r.rollout().startedAt().isPresent())
            .sorted(
                Comparator.comparing((Run r) -> r.rollout().endedAt().orElseThrow())
                    .thenComparing(r -> r.rollout().id()))
            .toList();
    Map<String, List<Run>> byPartition = new LinkedHashMap<>();
    Map<String, List<Duration>> stepTimes = new LinkedHashMap<>();
    Map<String, StepRun> stepKeys = new LinkedHashMap<>();
    int failed = 0;
    int rolledBack = 0;
    int changeFailures = 0;
    List<Duration> resolutions = new ArrayList<>();
    for (Run run : runs) {
      Rollout rollout = run.rollout();
      byPartition.computeIfAbsent(rollout.partition(), p -> new ArrayList<>()).add(run);
      boolean anyFailure =
          run.trail().stream().anyMatch(a -> a.accepted() && a.action() == Action.FAIL);
      failed += anyFailure ? 1 : 0;
      if (rollout.state() == RolloutState.ROLLED_BACK) {
        rolledBack++;
        changeFailures++;
      } else if (rollout.state() == RolloutState.ABORTED && anyFailure) {
        changeFailures++;
      }
      for (StepRun step : rollout.steps(Phase.FORWARD)) {
        if (step.state() != StepState.DONE) {
          continue;
        }
        StepTimes.took(rollout, step, run.trail())
            .ifPresent(
                took -> {
                  String key = key(step.runbookStep(), step.title());
                  stepKeys.putIfAbsent(key, step);
                  stepTimes.computeIfAbsent(key, k -> new ArrayList<>()).add(took);
                });
      }
      FailureEpisodes.of(rollout, run.trail())
          .forEach(episode -> episode.timeToResolve().ifPresent(resolutions::add));
    }
    List<PartitionStats> partitions =
        byPartition.entrySet().stream().map(e -> partition(e.getKey(), e.getValue())).toList();
    List<StepStats> steps =
        stepTimes.entrySet().stream()
            .map(
                e ->
                    new StepStats(
                        stepKeys.get(e.getKey()).runbookStep(),
                        stepKeys.get(e.getKey()).title(),
                        e.getValue().size(),
                        median(e.getValue()).orElseThrow()))
            .sorted(Comparator.comparingInt(StepStats::runbookStep).thenComparing(StepStats::title))
            .toList();
    Optional<Duration> mean =
        resolutions.isEmpty()
            ? Optional.empty()
            : Optional.of(
                resolutions.stream()
                    .reduce(Duration.ZERO, Duration::plus)
                    .dividedBy(resolutions.size()));
    return new RunbookStats(
        runbookId,
        partitions,
        steps,
        runs.size(),
        failed,
        rolledBack,
        changeFailures,
        resolutions.size(),
        mean);
  }

  private static PartitionStats partition(String name, List<Run> runs) {
    int completed = 0;
    int rolledBack = 0;
    int aborted = 0;
    List<Duration> durations = new ArrayList<>();
    for (Run run : runs) {
      Rollout rollout = run.rollout();
      switch (rollout.state()) {
        case COMPLETED -> {
          completed++;
          durations.add(
              Duration.between(rollout.startedAt().orElseThrow(), rollout.endedAt().orElseThrow()));
        }
        case ROLLED_BACK -> rolledBack++;
        default -> aborted++;
      }
    }
    return new PartitionStats(name, completed, rolledBack, aborted, median(durations));
  }

  /** The middle value; the mean of the two middle ones for an even count. */
  static Optional<Duration> median(List<Duration> values) {
    return values.isEmpty() ? Optional.empty() : Optional.of(Medians.of(values));
  }

  private static String key(int runbookStep, String title) {
    return runbookStep + ":" + title.strip().toLowerCase(Locale.ROOT);
  }

  public String runbookId() {
    return runbookId;
  }

  /** Whether the runbook has no run yet: every figure is then empty or zero. */
  public boolean isEmpty() {
    return runs == 0;
  }

  /** Every ended run that started. */
  public int runs() {
    return runs;
  }

  /** The partitions with runs, in the order of each one's first run. */
  public List<PartitionStats> partitions() {
    return partitions;
  }

  public Optional<PartitionStats> partition(String name) {
    return partitions.stream().filter(p -> p.partition().equals(name)).findFirst();
  }

  /** The steps with done runs, by number then title. */
  public List<StepStats> steps() {
    return steps;
  }

  /** The median time of a step's done runs, matched on its number and title (case aside). */
  @Override
  public Optional<Duration> medianOf(int runbookStep, String title) {
    String wanted = key(runbookStep, title);
    return steps.stream()
        .filter(s -> key(s.runbookStep(), s.title()).equals(wanted))
        .map(StepStats::median)
        .findFirst();
  }

  /** Runs with at least one accepted Failed click. */
  public int failedRuns() {
    return failed;
  }

  public int rolledBackRuns() {
    return rolledBack;
  }

  /** Runs that ended rolled back, or aborted after a failure. */
  public int changeFailures() {
    return changeFailures;
  }

  /** The share of runs with a failure; empty without runs. */
  public OptionalDouble failureRate() {
    return rate(failed);
  }

  public OptionalDouble rollbackRate() {
    return rate(rolledBack);
  }

  /** The share of runs that ended rolled back or aborted after a failure. */
  public OptionalDouble changeFailureRate() {
    return rate(changeFailures);
  }

  /** How many failures were resolved: their step done or skipped, or the rollback walked. */
  public int resolvedFailures() {
    return resolvedFailures;
  }

  /**
   * The mean time from a step's first Failed click to its next Done or Skip, or to the end of the
   * rollback; failures left unresolved (aborted) are not in it.
   */
  public Optional<Duration> meanTimeToResolve() {
    return meanTimeToResolve;
  }

  private OptionalDouble rate(int count) {
    return runs == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) count / runs);
  }
}
