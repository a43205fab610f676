package dev.shepherd.lint;

import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.Step;
import java.util.List;

/**
 * The error paths are the load-bearing part of a runbook: a step that runs commands needs a way
 * back and a diagnosis for when it fails. Warnings by default, errors with {@code --strict}.
 */
final class ErrorPathsRule implements LintRule {
  @Override
  public void check(LintInput input, List<Problem> problems) {
    for (Runbook runbook : input.catalog().runbooks()) {
      for (Step step : runbook.steps()) {
        if (step.commands().isEmpty()) {
          continue;
        }
        if (step.rollback().isEmpty()) {
          problems.add(
              new Problem(
                  input.pathOf(runbook),
                  step.line(),
                  input.strictable(),
                  "step \""
                      + step.title()
                      + "\" runs commands but has no Rollback section: add"
                      + " ### Rollback (or \"Nothing to roll back\" when it changes nothing)"));
        }
        if (step.troubleshooting().isEmpty()) {
          problems.add(
              new Problem(
                  input.pathOf(runbook),
                  step.line(),
                  input.strictable(),
                  "step \""
                      + step.title()
                      + "\" has no Troubleshooting rows: add ### Troubleshooting"
                      + " with a | Symptom | Cause | Fix | table"));
        }
      }
    }
  }
}
