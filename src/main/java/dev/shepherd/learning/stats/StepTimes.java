package dev.shepherd.learning.stats;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How long a step of a rollout took: from when it was first posted to when it was finished. A Retry
 * posts the step again (its {@code postedAt} moves), yet the time spent failing and fixing is
 * exactly what a slow step is made of, so a retried step is timed from its first posting: the
 * moment the step before it finished, or the start of its phase.
 */
public final class StepTimes {
  private StepTimes() {}

  /** The step's time from first posting to finish; empty while it is not finished. */
  public static Optional<Duration> took(
      Rollout rollout, StepRun step, List<Acknowledgement> trail) {
    return firstPosted(rollout, step, trail)
        .flatMap(posted -> step.finishedAt().map(end -> Duration.between(posted, end)))
        .filter(d -> !d.isNegative());
  }

  static Optional<Instant> firstPosted(Rollout rollout, StepRun step, List<Acknowledgement> trail) {
    boolean retried =
        trail.stream()
            .anyMatch(
                a ->
                    a.accepted()
                        && a.action() == Action.RETRY
                        && on(a, step.phase(), step.position()));
    if (!retried) {
      return step.postedAt();
    }
    if (step.position() > 1) {
      return rollout
          .step(step.phase(), step.position() - 1)
          .flatMap(StepRun::finishedAt)
          .or(step::postedAt);
    }
    if (step.phase() == Phase.FORWARD) {
      return rollout.startedAt().or(step::postedAt);
    }
    return trail.stream()
        .filter(a -> a.accepted() && a.action() == Action.ROLLBACK)
        .map(Acknowledgement::at)
        .findFirst()
        .or(step::postedAt);
  }

  public static boolean on(Acknowledgement ack, Phase phase, int position) {
    return ack.phase().equals(Optional.of(phase)) && ack.position().equals(Optional.of(position));
  }
}
