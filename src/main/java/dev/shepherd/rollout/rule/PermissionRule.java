package dev.shepherd.rollout.rule;

import dev.shepherd.audit.Action;
import dev.shepherd.rollout.ActionRequest;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.Rollout;
import java.util.LinkedHashSet;
import java.util.Optional;

/**
 * Who may do what. Approve and skip take an approver who is not the operator (the two-person rule);
 * everything else takes the operator or an approver. Nobody else may touch a rollout.
 */
public final class PermissionRule implements ActionRule {
  private final ApproverCheck check;

  /**
   * @param check the clicking user against the rollout's approvers, groups included
   */
  public PermissionRule(ApproverCheck check) {
    this.check = check;
  }

  @Override
  public Optional<Refusal> check(Rollout rollout, ActionRequest request) {
    String user = request.user();
    boolean operator = user.equals(rollout.operator());
    boolean approver = check.approver();
    Action action = request.action();
    if (action == Action.APPROVE || action == Action.SKIP) {
      if (operator) {
        return Optional.of(
            new Refusal(
                Refusal.Reason.SELF_APPROVAL,
                "you started this rollout,"
                    + " so someone else must "
                    + action.label()
                    + " its steps (approvers: "
                    + ChoreographyRule.mentions(new LinkedHashSet<>(rollout.approvers()))
                    + ")"));
      }
      if (!approver && check.unreadable().isPresent()) {
        return check.unreadable();
      }
      if (!approver) {
        return Optional.of(
            new Refusal(
                Refusal.Reason.NOT_ALLOWED,
                "only an approver of "
                    + rollout.runbook().id()
                    + " on "
                    + rollout.partition()
                    + " can "
                    + action.label()
                    + " (approvers: "
                    + ChoreographyRule.mentions(new LinkedHashSet<>(rollout.approvers()))
                    + ")"));
      }
      return Optional.empty();
    }
    if (!operator && !approver) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.NOT_ALLOWED,
              "only the operator (@"
                  + rollout.operator()
                  + ") or an approver can "
                  + action.label()
                  + " this rollout"));
    }
    return Optional.empty();
  }
}
