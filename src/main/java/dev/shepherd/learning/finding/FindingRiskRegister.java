package dev.shepherd.learning.finding;

import dev.shepherd.rollout.EndedRun;
import dev.shepherd.rollout.RiskRegister;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.runbook.Runbook;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The risk register told as start warnings: "Last run on stage: step 3 (…) failed with `Rate
 * exceeded`; no troubleshooting row yet". One line per finding, the newest first, at most {@link
 * #SHOWN}; the rest are counted and pointed at {@code /rollout risks}.
 */
public final class FindingRiskRegister implements RiskRegister {
  static final int SHOWN = 5;
  private static final int SYMPTOM = 160;

  /** A risk line's most characters: six of them stay well within a rollout's warnings. */
  public static final int LINE = 400;

  private final FindingService findings;
  private final RolloutStore rollouts;

  public FindingRiskRegister(FindingService findings, RolloutStore rollouts) {
    this.findings = findings;
    this.rollouts = rollouts;
  }

  @Override
  public List<String> risks(Runbook revision, String partition, List<String> order) {
    List<RunbookFinding> open = new ArrayList<>(findings.openAgainst(revision));
    if (open.isEmpty()) {
      return List.of();
    }
    open.sort(Comparator.comparing(RunbookFinding::at).reversed());
    Map<String, String> latest = latestPerPartition(revision.id());
    List<String> lines = new ArrayList<>();
    for (RunbookFinding finding : open) {
      if (finding.kind() == RunbookFinding.Kind.LATENT_BUG
          && open.stream()
              .anyMatch(
                  other ->
                      other.kind() == RunbookFinding.Kind.UNMATCHED_SYMPTOM
                          && sameStep(other, finding))) {
        continue;
      }
      lines.add(line(finding, latest, open));
    }
    if (lines.size() > SHOWN) {
      int more = lines.size() - SHOWN;
      lines = new ArrayList<>(lines.subList(0, SHOWN));
      lines.add(
          "Earlier run on other partitions: "
              + more
              + " more open finding"
              + (more == 1 ? "" : "s")
              + " of "
              + revision.id()
              + ": /rollout risks "
              + revision.id());
    }
    return lines;
  }

  /** The finding in words, with what fixed it when someone said. */
  public static String words(RunbookFinding finding) {
    return what(finding)
        + (finding.kind() == RunbookFinding.Kind.UNMATCHED_SYMPTOM
                || finding.kind() == RunbookFinding.Kind.LATENT_BUG
            ? fixed(finding)
            : "");
  }

  /** The finding in words, without its fix: for views that show the fix on their own. */
  public static String what(RunbookFinding finding) {
    String step = "step " + finding.runbookStep() + " (" + finding.stepTitle() + ")";
    return switch (finding.kind()) {
      case UNMATCHED_SYMPTOM ->
          step
              + (finding.symptom().isBlank()
                  ? " failed, and nobody said what they saw"
                  : " failed with " + symptom(finding.symptom()) + "; no troubleshooting row yet");
      case LATENT_BUG ->
          step
              + " failed only on the last partition, a latent bug"
              + (finding.symptom().isBlank() ? "" : ", with " + symptom(finding.symptom()));
      case WARNING_THEN_FAILED -> step + " " + finding.detail();
      case SKIPPED -> step + " was " + finding.detail();
      case SLOW -> step + " " + finding.detail();
      case ROLLED_BACK -> "it was " + finding.detail();
      case OVERRIDE -> "it was " + finding.detail();
    };
  }

  private String line(
      RunbookFinding finding, Map<String, String> latest, List<RunbookFinding> open) {
    boolean last = finding.rolloutId().equals(latest.get(finding.partition()));
    boolean latent =
        finding.kind() == RunbookFinding.Kind.UNMATCHED_SYMPTOM
            && open.stream()
                .anyMatch(
                    other ->
                        other.kind() == RunbookFinding.Kind.LATENT_BUG && sameStep(other, finding));
    return line(finding, last, latent);
  }

  /** The warning for one finding, by the last run on its partition or an earlier one. */
  public static String line(RunbookFinding finding, boolean last) {
    return line(finding, last, false);
  }

  private static String line(RunbookFinding finding, boolean last, boolean latent) {
    String said =
        (last ? "Last run on " : "Earlier run on ")
            + finding.partition()
            + (last ? "" : " (rollout " + finding.rolloutShortId() + ")")
            + ": "
            + words(finding)
            + (latent ? " (a latent bug that only fired on " + finding.partition() + ")" : "");
    // One line each: the rollout keeps its warnings a line apiece, within its column's bounds.
    String flat = said.replaceAll("\\s+", " ").strip();
    return flat.length() <= LINE ? flat : flat.substring(0, LINE - 1) + "…";
  }

  private Map<String, String> latestPerPartition(String runbookId) {
    Map<String, String> latest = new HashMap<>();
    for (EndedRun run : rollouts.endedRuns(runbookId, FindingService.HISTORY)) {
      latest.putIfAbsent(run.partition(), run.rolloutId());
    }
    return latest;
  }

  private static boolean sameStep(RunbookFinding a, RunbookFinding b) {
    return a.rolloutId().equals(b.rolloutId()) && a.runbookStep() == b.runbookStep();
  }

  private static String fixed(RunbookFinding finding) {
    return finding.resolution().map(r -> " (fixed then by: " + clip(r.fix()) + ")").orElse("");
  }

  private static String symptom(String text) {
    String clipped = clip(text);
    return clipped.contains("`") ? clipped : "`" + clipped + "`";
  }

  private static String clip(String text) {
    String flat = text.replace('\n', ' ').strip();
    return flat.length() <= SYMPTOM ? flat : flat.substring(0, SYMPTOM - 1) + "…";
  }
}
