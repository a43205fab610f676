package dev.shepherd.learning.finding;

import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.Step;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a revision of a runbook covers a finding: the step now has a troubleshooting row for the
 * symptom, or the note Shepherd proposed for it ({@link #marker}). A step that is gone covers what
 * was found on it: nobody will walk it again.
 */
public final class FindingCoverage {
  private FindingCoverage() {}

  /** Why the revision covers the finding, or empty when it does not. */
  public static Optional<String> covers(Runbook runbook, RunbookFinding finding) {
    if (!finding.kind().isRisk()) {
      return Optional.empty();
    }
    Optional<Step> step = step(runbook, finding.runbookStep(), finding.stepTitle());
    if (step.isEmpty()) {
      return Optional.of(
          "step "
              + finding.runbookStep()
              + " ("
              + finding.stepTitle()
              + ") is no longer in the runbook");
    }
    if (finding.kind().wantsRow() && !finding.symptom().isBlank()) {
      return step.get().troubleshooting().stream()
          .filter(row -> SymptomMatcher.matches(finding.symptom(), row.symptom()))
          .findFirst()
          .map(
              row ->
                  "step "
                      + step.get().number()
                      + " has a troubleshooting row for it (line "
                      + row.line()
                      + ")");
    }
    return text(runbook, step.get()).contains(marker(finding))
        ? Optional.of("step " + step.get().number() + " has a note for it")
        : Optional.empty();
  }

  /** What a note about the finding must say for a revision to cover it. */
  public static String marker(RunbookFinding finding) {
    return "rollout " + finding.rolloutShortId();
  }

  /**
   * The step a finding is about: the one at its number while it has its title; else the step with
   * its title nearest that number (steps were added or removed before it, and runbooks repeat
   * titles such as "Verify"); else the one at its number, renamed.
   */
  public static Optional<Step> step(Runbook runbook, int number, String title) {
    String wanted = title.strip().toLowerCase(Locale.ROOT);
    Optional<Step> atNumber = runbook.step(number);
    if (wanted.isEmpty() || atNumber.filter(s -> titled(s, wanted)).isPresent()) {
      return atNumber;
    }
    Optional<Step> nearest =
        runbook.steps().stream()
            .filter(s -> titled(s, wanted))
            .min(Comparator.comparingInt(s -> Math.abs(s.number() - number)));
    return nearest.or(() -> atNumber);
  }

  private static boolean titled(Step step, String wanted) {
    return step.title().strip().toLowerCase(Locale.ROOT).equals(wanted);
  }

  /** The step's lines as the author wrote them, from its heading up to the next step's. */
  static String text(Runbook runbook, Step step) {
    String[] lines = runbook.source().split("\r\n|\r|\n", -1);
    int from = Math.max(step.line() - 1, 0);
    int to = runbook.step(step.number() + 1).map(next -> next.line() - 1).orElse(lines.length);
    StringBuilder text = new StringBuilder();
    for (int i = from; i < Math.min(to, lines.length); i++) {
      text.append(lines[i]).append('\n');
    }
    return text.toString();
  }
}
