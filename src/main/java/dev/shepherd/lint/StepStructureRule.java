package dev.shepherd.lint;

import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.Step;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A runbook needs steps, and steps need titles an operator can tell apart. */
final class StepStructureRule implements LintRule {
  @Override
  public void check(LintInput input, List<Problem> problems) {
    for (Runbook runbook : input.catalog().runbooks()) {
      if (runbook.steps().isEmpty()) {
        problems.add(
            Problem.error(
                input.pathOf(runbook),
                1,
                "no steps: write each step as a ## heading, a numbered heading (### 1. …), or an item"
                    + " of a numbered list under ## Steps; found "
                    + runbook.reading().nearest()
                    + " (not a runbook? leave it out with exclude: in the config)"));
      }
      Map<String, Step> seen = new HashMap<>();
      for (Step step : runbook.steps()) {
        Step earlier = seen.putIfAbsent(step.title().toLowerCase(Locale.ROOT), step);
        if (earlier != null) {
          problems.add(
              Problem.error(
                  input.pathOf(runbook),
                  step.line(),
                  "step title \""
                      + step.title()
                      + "\" is used by step "
                      + earlier.number()
                      + " (line "
                      + earlier.line()
                      + ") too: give each step its own title"));
        }
      }
    }
  }
}
