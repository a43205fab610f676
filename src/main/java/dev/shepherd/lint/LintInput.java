package dev.shepherd.lint;

import dev.shepherd.config.Config;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Runbook;

/**
 * What the rules look at: the config, the runbooks, and how strict to be.
 *
 * @param runbooksPrefix prefixed to runbook paths in findings ({@code runbooks/}), so a finding
 *     opens in an editor from the project root
 */
public record LintInput(Config config, Catalog catalog, boolean strict, String runbooksPrefix) {

  /** The path to print for a runbook. */
  public String pathOf(Runbook runbook) {
    return runbooksPrefix + runbook.path();
  }

  /** Warnings that {@code --strict} turns into errors. */
  public Finding.Severity strictable() {
    return strict ? Finding.Severity.ERROR : Finding.Severity.WARNING;
  }
}
