package dev.shepherd.app;

import dev.shepherd.config.Config;
import dev.shepherd.learning.writeback.ProposalWriter;
import dev.shepherd.lint.LintInput;
import dev.shepherd.lint.Linter;
import dev.shepherd.lint.Problem;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Runbook;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lint as a proposal's gate: what it finds in the patched runbook (errors and warnings, as
 * {@code lint --strict} would fail on) that it did not find in the pinned one. Lines are left out
 * of the comparison: a patch moves the lines below it.
 */
final class ProposalLint implements ProposalWriter.LintGate {
  private final Config config;

  ProposalLint(Config config) {
    this.config = config;
  }

  @Override
  public List<String> worsened(Runbook pinned, Runbook patched) {
    Map<String, Integer> before = new HashMap<>();
    problems(pinned).forEach(p -> before.merge(p, 1, Integer::sum));
    List<String> worse = new ArrayList<>();
    for (String problem : problems(patched)) {
      if (before.merge(problem, -1, Integer::sum) < 0) {
        worse.add(problem);
      }
    }
    return worse;
  }

  private List<String> problems(Runbook runbook) {
    return new Linter()
        .lint(new LintInput(config, new Catalog(List.of(runbook), List.of()), true, "")).stream()
            .filter(f -> f.severity() != Problem.Severity.NOTE)
            .map(f -> f.severity().label() + ": " + f.message())
            .toList();
  }
}
