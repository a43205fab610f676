package dev.shepherd.lint;

import dev.shepherd.runbook.Runbook;
import java.util.List;

/** A runbook naming a partition the config does not have can never be rolled out there. */
final class UnknownPartitionsRule implements LintRule {
  @Override
  public void check(LintInput input, List<Problem> problems) {
    List<String> known = input.config().choreography().names();
    for (Runbook runbook : input.catalog().runbooks()) {
      for (String partition : runbook.partitions()) {
        if (!known.contains(partition)) {
          problems.add(
              Problem.error(
                  input.pathOf(runbook),
                  runbook.lineOf("partitions"),
                  "partition \""
                      + partition
                      + "\" is not in "
                      + input.config().displayPath()
                      + " (it has "
                      + String.join(", ", known)
                      + "): fix the name or add the partition"));
        }
      }
    }
  }
}
