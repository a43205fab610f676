package dev.shepherd.lint;

import dev.shepherd.runbook.Runbook;
import java.util.List;

/** What the parser could not understand: malformed front matter, tables without the columns… */
final class ParseProblemsRule implements LintRule {
  @Override
  public void check(LintInput input, List<Problem> problems) {
    for (Runbook runbook : input.catalog().runbooks()) {
      runbook
          .problems()
          .forEach(
              problem ->
                  problems.add(
                      Problem.error(input.pathOf(runbook), problem.line(), problem.message())));
    }
  }
}
