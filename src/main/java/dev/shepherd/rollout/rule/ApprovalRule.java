package dev.shepherd.rollout.rule;

import dev.shepherd.audit.Action;
import dev.shepherd.rollout.ActionRequest;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import java.util.LinkedHashSet;
import java.util.Optional;

/**
 * A step that needs approval is done only once enough distinct approvers approved it; each approver
 * counts once.
 */
public final class ApprovalRule implements ActionRule {
  @Override
  public Optional<Refusal> check(Rollout rollout, ActionRequest request) {
    Optional<StepRun> target = rollout.step(request.phase(), request.position());
    if (target.isEmpty()) {
      return Optional.empty();
    }
    StepRun step = target.get();
    if (request.action() == Action.APPROVE) {
      if (!step.needsApproval()) {
        return Optional.of(
            new Refusal(
                Refusal.Reason.NO_APPROVAL_NEEDED,
                "step " + step.position() + " (" + step.title() + ") needs no approval"));
      }
      if (step.approvedBy().contains(request.user())) {
        return Optional.of(
            new Refusal(
                Refusal.Reason.ALREADY_APPROVED,
                "you approved step "
                    + step.position()
                    + " already; it needs "
                    + rollout.approvalsNeeded()
                    + " distinct approvers"));
      }
    }
    if (request.action() == Action.DONE && !step.isApproved(rollout.approvalsNeeded())) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.NEEDS_APPROVAL,
              "step "
                  + step.position()
                  + " ("
                  + step.title()
                  + ") needs "
                  + rollout.approvalsNeeded()
                  + " approval"
                  + (rollout.approvalsNeeded() == 1 ? "" : "s")
                  + " before it is done; it has "
                  + step.approvedBy().size()
                  + (step.approvedBy().isEmpty()
                      ? ""
                      : " ("
                          + ChoreographyRule.mentions(new LinkedHashSet<>(step.approvedBy()))
                          + ")")));
    }
    return Optional.empty();
  }
}
