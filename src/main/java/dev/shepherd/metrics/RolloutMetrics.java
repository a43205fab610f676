package dev.shepherd.metrics;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutObserver;
import dev.shepherd.rollout.StepRun;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;

/**
 * Counts what the engine did: rollouts started and how they ended, by partition; how long steps
 * took; and every click, accepted or refused by reason.
 */
public final class RolloutMetrics implements RolloutObserver {
  private final MeterRegistry registry;

  public RolloutMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void observed(Outcome outcome) {
    Acknowledgement ack = outcome.acknowledgement();
    String result =
        outcome instanceof Outcome.Accepted
            ? "accepted"
            : outcome instanceof Outcome.Duplicate ? "duplicate" : "refused";
    String reason = outcome instanceof Outcome.Refused refused ? refused.refusal().label() : "none";
    registry
        .counter(
            "shepherd.actions", "action", ack.action().label(), "outcome", result, "reason", reason)
        .increment();
    if (!(outcome instanceof Outcome.Accepted) || outcome.rollout().isEmpty()) {
      return;
    }
    Rollout rollout = outcome.rollout().get();
    if (ack.action() == Action.START || ack.action() == Action.BEGIN) {
      registry.counter("shepherd.rollouts.started", "partition", rollout.partition()).increment();
    }
    if (!rollout.state().isActive() && rollout.endedAt().equals(Optional.of(ack.at()))) {
      registry
          .counter(
              "shepherd.rollouts.ended",
              "partition",
              rollout.partition(),
              "outcome",
              rollout.state().label())
          .increment();
    }
    if ((ack.action() == Action.DONE || ack.action() == Action.SKIP)
        && ack.phase().isPresent()
        && ack.position().isPresent()) {
      rollout
          .step(ack.phase().get(), ack.position().get())
          .flatMap(RolloutMetrics::took)
          .ifPresent(
              took ->
                  Timer.builder("shepherd.steps.duration")
                      .tag("partition", rollout.partition())
                      .tag("phase", ack.phase().get().label())
                      .register(registry)
                      .record(took));
    }
  }

  private static Optional<Duration> took(StepRun step) {
    return step.postedAt()
        .flatMap(posted -> step.finishedAt().map(end -> Duration.between(posted, end)));
  }
}
