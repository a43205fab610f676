package dev.shepherd.learning.stats;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Reads a runbook's history from the store and sums it up: its last {@link #limit} ended rollouts,
 * each with its trail. One query for the rollouts and one per rollout for its trail, so the cost is
 * bounded by the limit, however many years of rollouts the database holds.
 */
public final class RunbookHistory {
  /** How many recent runs the figures cover by default. */
  public static final int DEFAULT_LIMIT = 100;

  private final RolloutStore store;
  private final int limit;

  public RunbookHistory(RolloutStore store) {
    this(store, DEFAULT_LIMIT);
  }

  public RunbookHistory(RolloutStore store, int limit) {
    this.store = Objects.requireNonNull(store, "store");
    if (limit < 1) {
      throw new IllegalArgumentException("a history needs at least one run, not " + limit);
    }
    this.limit = limit;
  }

  public int limit() {
    return limit;
  }

  /** The stats of the runbook's recent runs. */
  public RunbookStats stats(String runbookId) {
    return RunbookStats.of(runbookId, runs(store.ended(runbookId, limit)));
  }

  /**
   * The stats of the runbook's recent runs that {@code visible} lets through: those of channels the
   * person asking can read.
   */
  public RunbookStats stats(String runbookId, Predicate<Rollout> visible) {
    return RunbookStats.of(
        runbookId, runs(store.ended(runbookId, limit).stream().filter(visible).toList()));
  }

  /**
   * The stats of the runs that ended before this rollout did, itself left out: what it is measured
   * against.
   */
  public RunbookStats before(Rollout rollout) {
    List<Rollout> earlier =
        store.ended(rollout.runbook().id(), limit + 1).stream()
            .filter(r -> !r.id().equals(rollout.id()))
            .filter(
                r ->
                    rollout.endedAt().isEmpty()
                        || r.endedAt().isEmpty()
                        || r.endedAt().get().isBefore(rollout.endedAt().get()))
            .limit(limit)
            .toList();
    return RunbookStats.of(rollout.runbook().id(), runs(earlier));
  }

  private List<RunbookStats.Run> runs(List<Rollout> rollouts) {
    Map<String, List<Acknowledgement>> trails =
        store.trails(rollouts.stream().map(Rollout::id).toList());
    return rollouts.stream()
        .map(r -> new RunbookStats.Run(r, trails.getOrDefault(r.id(), List.of())))
        .toList();
  }
}
