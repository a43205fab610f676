package dev.shepherd.lint;

import dev.shepherd.partition.Partition;
import dev.shepherd.runbook.Runbook;
import java.util.List;

/**
 * A runbook asking for fewer approvals than a partition's config requires: a runbook may only ask
 * for more, so the partition's count holds there and the author should know theirs is not the rule.
 * One warning per runbook and partition.
 */
final class RunbookApprovalsRule implements LintRule {
  @Override
  public void check(LintInput input, List<Problem> problems) {
    for (Runbook runbook : input.catalog().runbooks()) {
      if (runbook.approvals() == 0) {
        continue;
      }
      for (Partition partition : input.partitions()) {
        if (runbook.appliesTo(partition.name()) && runbook.approvals() < partition.approvals()) {
          problems.add(
              Problem.warning(
                  input.pathOf(runbook),
                  runbook.lineOf("approvals"),
                  "runbook "
                      + runbook.id()
                      + " asks for "
                      + runbook.approvals()
                      + " approval"
                      + (runbook.approvals() == 1 ? "" : "s")
                      + " a step, fewer than the "
                      + partition.approvals()
                      + " "
                      + partition.name()
                      + " requires in "
                      + input.config().displayPath()
                      + ": a runbook may only ask for more, so "
                      + partition.name()
                      + "'s "
                      + partition.approvals()
                      + " hold there"));
        }
      }
    }
  }
}
