package dev.shepherd.lint;

import dev.shepherd.partition.Partition;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.Step;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A step that needs N distinct approvers on a partition where the runbook and the partition
 * together name fewer: nobody could ever finish it. Reported once per step and partition.
 */
final class ApprovalQuorumRule implements LintRule {
  @Override
  public void check(LintInput input, List<Problem> problems) {
    for (Runbook runbook : input.catalog().runbooks()) {
      for (Partition partition : input.partitions()) {
        if (!runbook.appliesTo(partition.name())) {
          continue;
        }
        Set<String> approvers = new LinkedHashSet<>(runbook.approvers());
        approvers.addAll(partition.approvers());
        int needed = partition.approvals();
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
                        + " approvers it requires: add approvers to the runbook's front matter or to "
                        + partition.name()
                        + " in "
                        + input.config().displayPath()));
          }
        }
      }
    }
  }
}
