package dev.shepherd.lint;

import dev.shepherd.partition.Partition;
import dev.shepherd.runbook.Runbook;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Approvers are Slack user ids ({@code U024BE7LH}, or {@code W…} on Enterprise Grid) or Slack user
 * groups ({@code @platform-leads}, {@code S0614TZR7}), not people's names or handles: a click is
 * matched by id, so {@code alice} could never approve anything.
 */
final class ApproverIdsRule implements LintRule {
  static final Pattern SLACK_USER_ID =
      Pattern.compile("[UW][A-Z0-9]{2,}|S[A-Z0-9]{2,}|@[a-z0-9][a-z0-9._-]{0,79}");

  @Override
  public void check(LintInput input, List<Problem> problems) {
    for (Runbook runbook : input.catalog().runbooks()) {
      for (String approver : runbook.approvers()) {
        if (!SLACK_USER_ID.matcher(approver).matches()) {
          problems.add(
              Problem.error(input.pathOf(runbook), runbook.lineOf("approvers"), message(approver)));
        }
      }
    }
    for (Partition partition : input.config().choreography().partitions()) {
      for (String approver : partition.approvers()) {
        if (!SLACK_USER_ID.matcher(approver).matches()) {
          problems.add(
              Problem.error(
                  input.config().displayPath(),
                  partition.line(),
                  "partition " + partition.name() + ": " + message(approver)));
        }
      }
    }
  }

  private static String message(String approver) {
    return "approver \""
        + approver
        + "\" is not a Slack user ID (like U024BE7LH) or user group"
        + " (@platform-leads or S0614TZR7): in Slack open the profile, ⋮ → Copy member ID";
  }
}
