package dev.shepherd.learning;

import dev.shepherd.rollout.Action;
import dev.shepherd.rollout.HindsightRequest;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.RolloutService;
import java.util.Optional;

/**
 * An approver's dismissal of a finding: recorded in the trail of the rollout that found it (who,
 * why, when), after which the finding is closed wherever it is listed.
 */
public final class Dismissals {
  private final RolloutService rollouts;
  private final Findings findings;

  public Dismissals(RolloutService rollouts, Findings findings) {
    this.rollouts = rollouts;
    this.findings = findings;
  }

  /** Dismisses the finding; empty when it is done, else what stood in the way, in words. */
  public Optional<String> dismiss(
      String rolloutId, String key, String user, String reason, String idempotencyKey) {
    Optional<RunbookFinding> finding = findings.find(rolloutId, key);
    if (finding.isEmpty()) {
      return Optional.of(
          "rollout "
              + RunbookFinding.shortId(rolloutId)
              + " has no finding "
              + key
              + ": list the open ones with /rollout risks");
    }
    if (finding.get().closure().filter(c -> c.kind() == Closure.Kind.DISMISSED).isPresent()) {
      return Optional.empty();
    }
    Outcome outcome =
        rollouts.hindsight(
            new HindsightRequest(
                rolloutId,
                Action.DISMISS,
                0,
                user,
                reason.isBlank() ? "" : Dismissal.encode(key, reason),
                idempotencyKey));
    if (outcome instanceof Outcome.Refused refused) {
      return Optional.of(refused.refusal().message());
    }
    findings.of(rolloutId);
    return Optional.empty();
  }
}
