package dev.shepherd.lint;

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
          new UnknownPartitionsRule(),
          new ApproverIdsRule(),
          new UndefinedVariablesRule(),
          new ForeignTemplatingRule(),
          new ApprovalQuorumRule(),
          new ScopedVariablesRule(),
          new HardCodedValuesRule(),
          new SecretReferencesRule());

  public List<Problem> lint(LintInput input) {
    List<Problem> problems = new ArrayList<>();
    for (LintRule rule : rules) {
      rule.check(input, problems);
    }
    return problems.stream().distinct().sorted().toList();
  }
}
