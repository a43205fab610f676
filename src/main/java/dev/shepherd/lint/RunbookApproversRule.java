package dev.shepherd.lint;

import dev.shepherd.partition.Partition;
import dev.shepherd.rollout.access.AccessPolicy;
import dev.shepherd.runbook.Runbook;
import java.util.List;

/**
 * A runbook naming approvers a partition lacks, where the config decides who approves (a protected
 * partition, or one naming approvers): a runbook may only narrow them, so it would be refused
 * there. One error per runbook and partition, naming exactly which approvers to move to the config.
 */
final class RunbookApproversRule implements LintRule {
  @Override
  public void check(LintInput input, List<Problem> problems) {
    for (Runbook runbook : input.catalog().runbooks()) {
      for (Partition partition : input.partitions()) {
        if (!runbook.appliesTo(partition.name())) {
          continue;
        }
        List<String> extra = AccessPolicy.extraApprovers(runbook, partition);
        if (!extra.isEmpty()) {
          problems.add(
              Problem.error(
                  input.pathOf(runbook),
                  runbook.lineOf("approvers"),
                  AccessPolicy.wideningMessage(runbook, partition, extra)
                      + " in "
                      + input.config().displayPath()));
        }
      }
    }
  }
}
