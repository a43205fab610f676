package dev.shepherd.rollout;

import java.util.Optional;

/** Skipping a step leaves a gap in the rollout: the approver must say why. */
final class ReasonRule implements ActionRule {
  @Override
  public Optional<Refusal> check(Rollout rollout, ActionRequest request) {
    if (request.action() == Action.SKIP && request.reason().isEmpty()) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.REASON_REQUIRED,
              "skipping a step needs a reason: say why it is safe to skip"));
    }
    return Optional.empty();
  }
}
