package dev.shepherd.rollout.rule;

import dev.shepherd.audit.Action;
import dev.shepherd.audit.RecordLimits;
import dev.shepherd.rollout.ActionRequest;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.Rollout;
import java.util.Optional;

/**
 * Skipping a step leaves a gap in the rollout: the approver must say why, in no more words than the
 * record keeps.
 */
public final class ReasonRule implements ActionRule {
  @Override
  public Optional<Refusal> check(Rollout rollout, ActionRequest request) {
    if (request.action() == Action.SKIP && request.reason().isEmpty()) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.REASON_REQUIRED,
              "skipping a step needs a reason: say why it is safe to skip"));
    }
    return request
        .reason()
        .flatMap(reason -> RecordLimits.tooLong("a reason", reason, RecordLimits.REASON))
        .map(message -> new Refusal(Refusal.Reason.TOO_LONG, message));
  }
}
