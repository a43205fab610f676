package dev.shepherd.lint;

import dev.shepherd.runbook.Runbook;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two runbooks with one id: {@code /rollout prod oam-secrets} could mean either, so neither starts.
 */
final class DuplicateIdsRule implements LintRule {
  @Override
  public void check(LintInput input, List<Problem> problems) {
    Map<String, Runbook> first = new HashMap<>();
    for (Runbook runbook : input.catalog().runbooks()) {
      Runbook earlier = first.putIfAbsent(runbook.id(), runbook);
      if (earlier != null) {
        problems.add(
            Problem.error(
                input.pathOf(runbook),
                runbook.lineOf("id"),
                "runbook id \""
                    + runbook.id()
                    + "\" is already used by "
                    + input.pathOf(earlier)
                    + ":"
                    + earlier.lineOf("id")
                    + ": neither starts until one of them gets another id: in its front matter"));
      }
    }
  }
}
