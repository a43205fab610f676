package dev.shepherd.learning.writeback;

import com.google.re2j.Pattern;
import dev.shepherd.learning.finding.FindingClosure;
import dev.shepherd.learning.finding.FindingCoverage;
import dev.shepherd.learning.finding.Resolution;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.learning.finding.SymptomMatcher;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a runbook would say if it had learnt what a rollout found: a troubleshooting row for each
 * new symptom, in the runbook's own shape, and a note naming the rollout under each skipped, slow
 * or rolled-back step. Only adds lines: every other byte of the file, its line endings included,
 * stays as it was. Findings the runbook already covers, and overrides, add nothing.
 */
public final class RunbookPatch {
  private RunbookPatch() {}

  /** One change, in words, and the findings it answers. */
  public record Change(String description, List<RunbookFinding> findings) {
    public Change {
      findings = List.copyOf(findings);
    }

    @Override
    public String toString() {
      return description;
    }
  }

  /**
   * @param text the patched text
   * @param changes what was added, in the order of the steps
   * @param used the findings the changes answer
   */
  public record Result(String text, List<Change> changes, List<RunbookFinding> used) {
    public Result {
      changes = List.copyOf(changes);
      used = List.copyOf(used);
    }

    public boolean isEmpty() {
      return changes.isEmpty();
    }
  }

  /**
   * @param text the pinned runbook's text, exactly as kept
   * @param runbook that text parsed ({@code RunbookParser.parse})
   */
  public static Result apply(String text, Runbook runbook, List<RunbookFinding> findings) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(runbook, "runbook");
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    if (!runbook.source().equals(body)) {
      throw new IllegalArgumentException(
          runbook.path()
              + ": the runbook given was not parsed from"
              + " the text given; parse the pinned text and pass both");
    }
    LineEdits edits = new LineEdits(text);
    RunbookLayout layout = new RunbookLayout(edits, runbook);
    // Rows grouped by where they go (a step, or the runbook-wide section: key 0), then by symptom.
    Map<Integer, List<List<RunbookFinding>>> rows = new LinkedHashMap<>();
    Map<Integer, List<RunbookFinding>> notes = new LinkedHashMap<>();
    Map<Integer, Step> steps = new LinkedHashMap<>();
    for (RunbookFinding finding : findings) {
      if (!wanted(runbook, finding)) {
        continue;
      }
      Step step =
          FindingCoverage.step(runbook, finding.runbookStep(), finding.stepTitle()).orElseThrow();
      if (finding.kind().wantsRow() && !finding.symptom().isBlank()) {
        int target = step.inheritsTroubleshooting() ? 0 : step.number();
        steps.putIfAbsent(target, step);
        List<List<RunbookFinding>> groups = rows.computeIfAbsent(target, k -> new ArrayList<>());
        groups.stream()
            .filter(g -> alike(g.get(0).symptom(), finding.symptom()))
            .findFirst()
            .ifPresentOrElse(
                g -> g.add(finding), () -> groups.add(new ArrayList<>(List.of(finding))));
      } else {
        steps.putIfAbsent(step.number(), step);
        notes.computeIfAbsent(step.number(), k -> new ArrayList<>()).add(finding);
      }
    }
    List<Change> changes = new ArrayList<>();
    RowWriter writer = new RowWriter(layout, runbook);
    rows.forEach(
        (target, groups) -> {
          Step step = steps.get(target);
          writer.add(step, groups.stream().map(RunbookPatch::row).toList());
          for (List<RunbookFinding> group : groups) {
            changes.add(
                new Change(
                    (target == 0
                            ? "runbook-wide troubleshooting (step " + step.number() + " reads it)"
                            : where(step))
                        + ": a troubleshooting row for \""
                        + line(group.get(0).symptom())
                        + "\" ("
                        + kinds(group)
                        + "; "
                        + rollouts(group)
                        + ")",
                    group));
          }
        });
    notes.forEach(
        (number, found) -> {
          Step step = steps.get(number);
          NoteWriter.add(layout, step, found);
          for (RunbookFinding finding : found) {
            changes.add(
                new Change(
                    where(step) + ": a note: " + NoteWriter.text(finding), List.of(finding)));
          }
        });
    List<RunbookFinding> used = changes.stream().flatMap(c -> c.findings().stream()).toList();
    return new Result(edits.text(), changes, used);
  }

  /** A risk the pinned runbook does not cover yet, on a step it has, not dismissed. */
  private static boolean wanted(Runbook runbook, RunbookFinding finding) {
    return finding.kind().isRisk()
        && finding.closure().filter(c -> c.kind() == FindingClosure.Kind.DISMISSED).isEmpty()
        && FindingCoverage.covers(runbook, finding).isEmpty();
  }

  private static boolean alike(String a, String b) {
    return SymptomMatcher.matches(a, b) || SymptomMatcher.matches(b, a);
  }

  private static RowWriter.NewRow row(List<RunbookFinding> group) {
    Optional<String> cause =
        group.stream()
            .flatMap(f -> f.resolution().flatMap(Resolution::knownCause).stream())
            .findFirst();
    Optional<String> fix =
        group.stream()
            .flatMap(f -> f.resolution().map(Resolution::fix).stream())
            .filter(f -> !f.isBlank())
            .findFirst();
    return new RowWriter.NewRow(
        written(group.get(0).symptom()),
        written(cause.orElse("Unknown yet (" + rollouts(group) + ")")),
        written(
            fix.orElse(
                "Not known yet: " + rollouts(group) + " met this; write what fixed it here")));
  }

  /** "rollout 1a2b3c4d on prod", or several. */
  static String rollouts(List<RunbookFinding> group) {
    List<String> seen =
        group.stream()
            .map(f -> FindingCoverage.marker(f) + " on " + f.partition())
            .distinct()
            .toList();
    return String.join(", ", seen);
  }

  private static String kinds(List<RunbookFinding> group) {
    return group.stream().map(f -> f.kind().label()).distinct().collect(Collectors.joining(", "));
  }

  static String where(Step step) {
    return "step " + step.number() + " (" + step.title() + ")";
  }

  /**
   * What people typed, for one line of the runbook: a {@code {{} they pasted from a log is
   * escaped, or the renderer would take it for a variable of the runbook.
   */
  static String written(String text) {
    return line(text).replaceAll("(?<!\\\\)\\{\\{", "\\\\{{");
  }

  /** Text for one line of Markdown: people type newlines in modals. */
  static String line(String text) {
    return LINE_BREAKS.matcher(text.strip()).replaceAll(" ");
  }

  /** RE2/J's: people's text, and {@code \\s*} before a break went back over every blank. */
  private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");
}
