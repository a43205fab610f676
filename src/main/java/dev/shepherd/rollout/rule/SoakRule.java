package dev.shepherd.rollout.rule;

import dev.shepherd.format.Durations;
import dev.shepherd.format.Times;
import dev.shepherd.partition.Wave;
import dev.shepherd.rollout.CompletedRun;
import dev.shepherd.rollout.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The next wave waits until the previous one has been complete for its soak time, so problems that
 * take a while to show have the time to show where they hurt least.
 */
final class SoakRule extends OverridableRule {
  @Override
  Optional<Breach> breach(StartContext context) {
    int index = context.waveIndex();
    if (index <= 0) {
      return Optional.empty();
    }
    Wave previous = context.waves().get(index - 1);
    Optional<Soaked> soaked = soakedAt(context, previous);
    if (soaked.isEmpty() || !soaked.get().at().isAfter(context.startsAt())) {
      return Optional.empty();
    }
    Soaked soak = soaked.get();
    String what =
        previous.partitions().size() == 1
            ? previous.partitions().get(0)
            : "wave " + previous.name();
    String message =
        what
            + " completed at "
            + Times.format(soak.completedAt())
            + " and soaks "
            + Durations.format(soak.soak())
            + ": "
            + context.partition().name()
            + " may start at "
            + Times.format(soak.at())
            + " (in "
            + Durations.format(Duration.between(context.startsAt(), soak.at()))
            + "), or "
            + OVERRIDE_HINT;
    return Optional.of(
        new Breach(
            new Refusal(Refusal.Reason.SOAKING, message),
            what + " soaking until " + Times.format(soak.at())));
  }

  /** When the last of a wave completed, its longest soak, and when that soak is over. */
  record Soaked(Instant completedAt, Duration soak, Instant at) {}

  /**
   * When a wave has soaked: each partition's completion plus its soak, the latest of them. Empty
   * while some partition of the wave has not completed (the choreography rule says so) or when
   * nothing soaks.
   */
  static Optional<Soaked> soakedAt(StartContext context, Wave wave) {
    if (wave.partitions().stream().allMatch(p -> context.choreography().gates(p).soak().isZero())) {
      return Optional.empty(); // nothing soaks: no need to ask the store
    }
    List<CompletedRun> runs =
        context.tx().completed(context.request().runbookId(), wave.partitions());
    if (runs.size() < wave.partitions().size()) {
      return Optional.empty();
    }
    Soaked latest = null;
    for (CompletedRun run : runs) {
      Duration soak = context.choreography().gates(run.partition()).soak();
      Instant at = run.endedAt().plus(soak);
      if (!soak.isZero() && (latest == null || at.isAfter(latest.at()))) {
        latest = new Soaked(run.endedAt(), soak, at);
      }
    }
    return Optional.ofNullable(latest);
  }
}
