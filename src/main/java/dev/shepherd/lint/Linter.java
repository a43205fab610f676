package dev.shepherd.lint;

import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.Survey;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders every runbook for every partition and reports what would go wrong, before anyone rolls
 * out. Never throws on bad runbooks: every problem is a problem.
 */
public final class Linter {
  private final List<LintRule> rules =
      List.of(
          new UnreadableFilesRule(),
          new ParseProblemsRule(),
          new DuplicateIdsRule(),
          new StepStructureRule(),
          new ErrorPathsRule(),
          new TroubleshootingCauseRule(),
          new UnknownPartitionsRule(),
          new ApproverIdsRule(),
          new RunbookApproversRule(),
          new RunbookApprovalsRule(),
          new UndefinedVariablesRule(),
          new ForeignTemplatingRule(),
          new ApprovalQuorumRule(),
          new ScopedVariablesRule(),
          new HardCodedValuesRule(),
          new SecretReferencesRule());

  /**
   * The problems of every rule, sorted. The rules run on every core: each reads immutable values
   * (the shown-lines cache is synchronized) and fills a list of its own, and the lists are joined
   * in the rules' order before sorting, so the result is the one a single thread gives.
   */
  public List<Problem> lint(LintInput input) {
    LintInput runbooks = runbooksOnly(input);
    return rules.parallelStream()
        .flatMap(
            rule -> {
              List<Problem> found = new ArrayList<>();
              rule.check(runbooks, found);
              return found.stream();
            })
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * The input without the files survey calls not runbooks (changelogs, READMEs, design proposals…):
   * a docs repo's other pages are not held to a runbook's rules.
   */
  static LintInput runbooksOnly(LintInput input) {
    List<Runbook> runbooks =
        input.catalog().runbooks().stream().filter(r -> Survey.otherDocument(r).isEmpty()).toList();
    if (runbooks.size() == input.catalog().runbooks().size()) {
      return input;
    }
    return new LintInput(
        input.config(),
        new Catalog(runbooks, input.catalog().unreadable()),
        input.strict(),
        input.runbooksPrefix(),
        input.partition(),
        input.shownLines());
  }
}
