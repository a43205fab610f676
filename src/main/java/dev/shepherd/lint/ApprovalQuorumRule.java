package dev.shepherd.lint;

import dev.shepherd.partition.Partition;
import dev.shepherd.rollout.access.AccessPolicy;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.Step;
import java.util.List;
import java.util.Set;

/**
 * A step that needs N distinct approvers on a partition where fewer may approve it (the runbook's
 * and the partition's, or the runbook's narrowing of the partition's): nobody could ever finish it.
 * Reported once per step and partition.
 */
final class ApprovalQuorumRule implements LintRule {
  @Override
  public void check(LintInput input, List<Problem> problems) {
    for (Runbook runbook : input.catalog().runbooks()) {
      for (Partition partition : input.partitions()) {
        if (!runbook.appliesTo(partition.name())) {
          continue;
        }
        Set<String> approvers = AccessPolicy.approvers(runbook, partition);
        int needed = AccessPolicy.approvals(runbook, partition);
        for (Step step : runbook.steps()) {
          if ((step.approvalRequired() || partition.isProtected()) && approvers.size() < needed) {
            problems.add(
                Problem.error(
                    input.pathOf(runbook),
                    step.line(),
                    "step \""
                        + step.title()
                        + "\" needs approval but "
                        + partition.name()
                        + " names only "
                        + approvers.size()
                        + " of the "
                        + needed
                        + (runbook.approvals() > partition.approvals()
                            ? " approvers the runbook's approvals require: add approvers to "
                            : " approvers it requires: add approvers to ")
                        + (partition.governsApprovers() ? "" : "the runbook's front matter or to ")
                        + partition.name()
                        + " in "
                        + input.config().displayPath()
                        + (runbook.approvals() > partition.approvals()
                            ? ", or ask for fewer in the runbook's approvals"
                            : "")));
          }
        }
      }
    }
  }
}
