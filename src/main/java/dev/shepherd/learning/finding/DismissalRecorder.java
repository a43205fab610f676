package dev.shepherd.learning.finding;

import dev.shepherd.audit.Action;
import dev.shepherd.rollout.AfterTheFactRequest;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.engine.RolloutService;
import java.util.Optional;

/**
 * An approver's dismissal of a finding: recorded in the trail of the rollout that found it (who,
 * why, when), after which the finding is closed wherever it is listed.
 */
public final class DismissalRecorder {
  private final RolloutService rollouts;
  private final FindingService findings;

  public DismissalRecorder(RolloutService rollouts, FindingService findings) {
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
    if (finding
        .get()
        .closure()
        .filter(c -> c.kind() == FindingClosure.Kind.DISMISSED)
        .isPresent()) {
      return Optional.empty();
    }
    Outcome outcome =
        rollouts.hindsight(
            new AfterTheFactRequest(
                rolloutId,
                Action.DISMISS,
                0,
                user,
                reason.isBlank() ? "" : Dismissal.encode(key, reason),
                idempotencyKey));
    if (outcome.refusalMessage().isPresent()) {
      return outcome.refusalMessage();
    }
    findings.of(rolloutId);
    return Optional.empty();
  }
}
