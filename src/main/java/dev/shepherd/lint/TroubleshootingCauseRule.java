package dev.shepherd.lint;

import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.SourceLines;
import dev.shepherd.runbook.Step;
import dev.shepherd.runbook.TroubleshootingRow;
import java.util.List;
import java.util.Locale;

/**
 * A troubleshooting row names the symptom, the cause and the fix: the seed's lesson. A row without
 * a cause ({@code | Symptom | Fix |} tables, a {@code **Symptom:**}/{@code **Fix:**} pair) leaves
 * the next operator fixing what they do not understand. A merged column ("Cause and resolution")
 * counts as a cause. Warnings by default, errors with {@code --strict}.
 */
final class TroubleshootingCauseRule implements LintRule {
  @Override
  public void check(LintInput input, List<Problem> problems) {
    for (Runbook runbook : input.catalog().runbooks()) {
      missing(input, runbook, runbook.reading().troubleshooting(), "the runbook", problems);
      for (Step step : runbook.steps()) {
        if (!step.inheritsTroubleshooting()) {
          missing(
              input, runbook, step.troubleshooting(), "step \"" + step.title() + "\"", problems);
        }
      }
    }
  }

  /**
   * Whether the table a row sits in has a column that merges the cause with the fix ("Cause and
   * resolution", "Cause / fix"): the reader files that cell as the fix, and it says the cause too.
   */
  static boolean mergedCause(String[] lines, int rowLine) {
    int at = rowLine - 1;
    while (at > 0 && lines[at - 1].stripLeading().startsWith("|")) {
      String line = lines[at - 1].strip();
      if (isSeparator(line)) {
        String header = at >= 2 ? lines[at - 2].toLowerCase(Locale.ROOT) : "";
        return header.contains("cause") || header.contains("reason") || header.contains("why");
      }
      at--;
    }
    return false;
  }

  private static boolean isSeparator(String line) {
    for (int i = 0; i < line.length(); i++) {
      if ("|-: \t".indexOf(line.charAt(i)) < 0) {
        return false;
      }
    }
    return line.contains("-");
  }

  /**
   * One problem per step, at its first row without a cause: a row added later (the learning loop's,
   * in the table's own columns) does not make the runbook lint worse than it did.
   */
  private static void missing(
      LintInput input,
      Runbook runbook,
      List<TroubleshootingRow> rows,
      String where,
      List<Problem> out) {
    String[] lines = null;
    for (TroubleshootingRow row : rows) {
      if (row.cause().isBlank()) {
        lines = lines == null ? SourceLines.split(runbook.source()) : lines;
        if (mergedCause(lines, row.line())) {
          continue;
        }
        out.add(
            new Problem(
                input.pathOf(runbook),
                row.line(),
                input.strictable(),
                where
                    + ": troubleshooting rows name no cause, from \""
                    + row.symptom()
                    + "\" on: add a Cause column (or **Cause:**) saying why it happens"));
        return;
      }
    }
  }
}
