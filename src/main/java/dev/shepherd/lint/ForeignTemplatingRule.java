package dev.shepherd.lint;

import dev.shepherd.runbook.ForeignTemplating;
import dev.shepherd.runbook.Runbook;
import java.util.List;

/**
 * Docs-site templating ({@code {{ page.version }}}, {@code {% include %}}, {@code <%= %>}) is not
 * Shepherd's: one note per runbook says it is shown as written, instead of an error per use.
 */
final class ForeignTemplatingRule implements LintRule {
  @Override
  public void check(LintInput input, List<Problem> problems) {
    for (Runbook runbook : input.catalog().runbooks()) {
      ForeignTemplating templating = runbook.reading().templating();
      if (templating.present()) {
        problems.add(
            Problem.note(
                input.pathOf(runbook),
                templating.firstLine(),
                String.join(", ", templating.dialects())
                    + " ("
                    + templating.uses()
                    + " use"
                    + (templating.uses() == 1 ? "" : "s")
                    + ") are not Shepherd variables: shown to"
                    + " the operator as written; write {{name}} for a value a partition fills in"));
      }
    }
  }
}
