package dev.shepherd.learning.writeback;

import dev.shepherd.learning.finding.FindingCoverage;
import dev.shepherd.learning.finding.Resolution;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.runbook.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * A note under a step for what a row cannot say (a skip, a slow run, a rollback): a quoted {@code
 * **Note:**} right under the step's heading, naming the rollout so a later revision that keeps it
 * is seen to cover the finding.
 */
final class NoteWriter {
  private NoteWriter() {}

  static void add(RunbookLayout layout, Step step, List<RunbookFinding> findings) {
    boolean heading = layout.headingLevel(step).isPresent();
    String indent = heading ? "" : layout.itemIndent(step);
    List<String> lines = new ArrayList<>();
    for (RunbookFinding finding : findings) {
      if (!lines.isEmpty()) {
        lines.add("");
      }
      lines.add(indent + "> **Note:** " + text(finding));
    }
    layout
        .source()
        .insertBlock(heading ? layout.blockEnd(step.line()) : layout.stepEnd(step), lines);
  }

  /** What the note says; always holds {@link FindingCoverage#marker}. */
  static String text(RunbookFinding finding) {
    String what =
        switch (finding.kind()) {
          case SKIPPED -> "skipped";
          case SLOW -> "took far longer than usual";
          case ROLLED_BACK -> "rolled back";
          case WARNING_THEN_FAILED -> "failed after its warning was shown";
          case LATENT_BUG -> "failed on the last partition after succeeding on every earlier one";
          case UNMATCHED_SYMPTOM ->
              finding.symptom().isBlank()
                  ? "failed, and nobody said what they saw"
                  : "failed with a symptom no row names";
          case OVERRIDE -> "started despite the choreography";
        };
    // A symptomless failure's detail says the same as its lead words.
    String detail =
        finding.kind() == RunbookFinding.Kind.UNMATCHED_SYMPTOM && finding.symptom().isBlank()
            ? ""
            : RunbookPatch.written(finding.detail());
    String said = detail.isEmpty() ? "" : ": " + detail;
    String fix =
        finding
            .resolution()
            .map(Resolution::fix)
            .filter(f -> !f.isBlank())
            .map(f -> " Fixed by: " + RunbookPatch.written(f) + ".")
            .orElse("");
    return capitalised(what)
        + " in "
        + FindingCoverage.marker(finding)
        + " on "
        + finding.partition()
        + said
        + (said.endsWith(".") ? "" : ".")
        + fix;
  }

  private static String capitalised(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
