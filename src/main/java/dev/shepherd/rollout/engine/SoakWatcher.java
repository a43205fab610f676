package dev.shepherd.rollout.engine;

import dev.shepherd.format.Durations;
import dev.shepherd.format.Lists;
import dev.shepherd.partition.Choreography;
import dev.shepherd.partition.Wave;
import dev.shepherd.rollout.CompletedRun;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.Soak;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When a wave's soak is over, for the timer that tells the channel "stage has soaked 1h: prod may
 * start". The rollout that completed a wave (the last of its partitions to complete) owns the
 * announcement; the timer carries only its id, and everything is checked again when it fires.
 */
final class SoakWatcher {
  private final EngineParts engine;

  SoakWatcher(EngineParts engine) {
    this.engine = engine;
  }

  /**
   * The soak this completed rollout ended its wave with; empty when it did not complete its wave
   * (others are still to come, or a later run superseded it), when its wave is the last one, or
   * when nothing soaks.
   */
  public Optional<Soak> after(Rollout rollout) {
    if (rollout.state() != RolloutState.COMPLETED) {
      return Optional.empty();
    }
    Choreography choreography = engine.choreography();
    Optional<List<String>> order =
        engine.pinned().of(rollout).map(r -> r.runbook().order(choreography.names()));
    if (order.isEmpty()) {
      return Optional.empty();
    }
    List<Wave> waves = choreography.wavesFor(order.get());
    int index = Choreography.waveIndex(rollout.partition(), waves);
    if (index < 0 || index + 1 >= waves.size()) {
      return Optional.empty();
    }
    Wave wave = waves.get(index);
    List<CompletedRun> runs = engine.store().completed(rollout.runbook().id(), wave.partitions());
    String revision = rollout.runbook().revision().id();
    boolean complete =
        runs.size() == wave.partitions().size()
            && runs.stream()
                .allMatch(
                    run -> !choreography.declaresWaves() || run.revision().id().equals(revision));
    Optional<CompletedRun> last =
        runs.stream()
            .max(
                Comparator.comparing(CompletedRun::endedAt).thenComparing(CompletedRun::rolloutId));
    if (!complete || last.isEmpty() || !last.get().rolloutId().equals(rollout.id())) {
      return Optional.empty();
    }
    Instant at = null;
    Duration soak = Duration.ZERO;
    for (CompletedRun run : runs) {
      Duration own = choreography.gates(run.partition()).soak();
      Instant end = run.endedAt().plus(own);
      if (!own.isZero() && (at == null || end.isAfter(at))) {
        at = end;
        soak = own;
      }
    }
    if (at == null) {
      return Optional.empty();
    }
    Wave next = waves.get(index + 1);
    // Announced when the next wave may really start: not inside a blackout or before its window.
    Instant soaked = at;
    at =
        next.partitions().stream()
            .flatMap(p -> choreography.gates(p).nextOpening(soaked).stream())
            .min(Instant::compareTo)
            .orElse(soaked);
    String text =
        rollout.runbook().id()
            + ": "
            + name(wave)
            + " has soaked "
            + Durations.format(soak)
            + ": "
            + name(next)
            + " may start";
    return Optional.of(new Soak(at, text));
  }

  /** The announcement, if it is due at {@code now} and still true. */
  public Optional<Soak> due(String rolloutId, Instant now) {
    return engine.store().find(rolloutId).flatMap(this::after).filter(s -> !s.at().isAfter(now));
  }

  private static String name(Wave wave) {
    return wave.partitions().size() == 1
        ? wave.partitions().get(0)
        : "wave " + wave.name() + " (" + Lists.some(wave.partitions()) + ")";
  }
}
