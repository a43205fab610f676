package dev.shepherd.rollout.rule;

import dev.shepherd.audit.Action;
import dev.shepherd.rollout.ActionRequest;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A step that needs approval is done only once enough distinct approvers approved it; each approver
 * counts once. Skipping it takes as many: those who approved it and the approver who skips, so one
 * approver alone cannot skip a step that needs two.
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
    if (request.action() == Action.SKIP && step.needsApproval()) {
      Set<String> distinct = new LinkedHashSet<>(step.approvedBy());
      distinct.add(request.user());
      int needed = rollout.approvalsNeeded();
      if (distinct.size() < needed) {
        int more = needed - distinct.size();
        return Optional.of(
            new Refusal(
                Refusal.Reason.NEEDS_APPROVAL,
                "skipping step "
                    + step.position()
                    + " ("
                    + step.title()
                    + ") takes "
                    + needed
                    + " distinct approvers, as done would: you and "
                    + (step.approvedBy().isEmpty()
                        ? "nobody else so far"
                        : ChoreographyRule.mentions(new LinkedHashSet<>(step.approvedBy())))
                    + "; "
                    + more
                    + " more approver"
                    + (more == 1 ? "" : "s")
                    + " must approve it first"));
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
