package dev.shepherd.runbook;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed runbook: an immutable value, the same whoever reads it. Use {@link RunbookParser} to
 * make one and {@link Renderer} to fill its templates for a partition.
 *
 * @param id unique id: front matter {@code id}, else the file name without {@code .md}
 * @param title front matter {@code title}, else the first {@code #} heading, else the id
 * @param path where it was read, relative to the runbooks source ({@code secrets/oam.md})
 * @param revision the commit or content hash it was read at
 * @param approvers Slack user ids allowed to approve its steps
 * @param approvals front matter {@code approvals}: the distinct approvals each approved step needs,
 *     raising the partition's (a runbook may ask for more, never fewer); 0 when not set
 * @param partitions where it applies; empty means every configured partition
 * @param checklist pre-rollout items
 * @param reminders reminder offsets overriding the config's ({@code 24h}, {@code 15m}); empty: none
 * @param introduction prose before the first step
 * @param steps the steps in order
 * @param fieldLines the line of each front matter key (and of the title heading when the title
 *     comes from it), for errors that point at it
 * @param problems what could not be understood; the linter reports these
 * @param source the text it was parsed from, line {@code n} being file line {@code n}, for checks
 *     that read what the author wrote; empty for a runbook not parsed from a file
 * @param reading how it was read: its step shape, runbook-wide sections, where every line went
 */
public record Runbook(
    String id,
    String title,
    String path,
    Revision revision,
    List<String> approvers,
    int approvals,
    List<String> partitions,
    List<ChecklistItem> checklist,
    List<String> reminders,
    Section introduction,
    List<Step> steps,
    Map<String, Integer> fieldLines,
    List<ParseProblem> problems,
    String source,
    Reading reading) {

  public Runbook {
    approvers = List.copyOf(approvers);
    if (approvals < 0) {
      throw new IllegalArgumentException("approvals must not be negative: " + approvals);
    }
    partitions = List.copyOf(partitions);
    checklist = List.copyOf(checklist);
    reminders = List.copyOf(reminders);
    steps = List.copyOf(steps);
    fieldLines = Map.copyOf(fieldLines);
    problems = List.copyOf(problems);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reading, "reading");
  }

  /** A runbook read from a source without a record of how (built by hand, in tests). */
  public Runbook(
      String id,
      String title,
      String path,
      Revision revision,
      List<String> approvers,
      List<String> partitions,
      List<ChecklistItem> checklist,
      List<String> reminders,
      Section introduction,
      List<Step> steps,
      Map<String, Integer> fieldLines,
      List<ParseProblem> problems,
      String source) {
    this(
        id,
        title,
        path,
        revision,
        approvers,
        0,
        partitions,
        checklist,
        reminders,
        introduction,
        steps,
        fieldLines,
        problems,
        source,
        Reading.NONE);
  }

  /** A runbook without its source text, so checks that read the text find nothing to read. */
  public Runbook(
      String id,
      String title,
      String path,
      Revision revision,
      List<String> approvers,
      List<String> partitions,
      List<ChecklistItem> checklist,
      List<String> reminders,
      Section introduction,
      List<Step> steps,
      Map<String, Integer> fieldLines,
      List<ParseProblem> problems) {
    this(
        id,
        title,
        path,
        revision,
        approvers,
        0,
        partitions,
        checklist,
        reminders,
        introduction,
        steps,
        fieldLines,
        problems,
        "",
        Reading.NONE);
  }

  /** The line of a front matter key, or 1 when the runbook has no such key. */
  public int lineOf(String field) {
    return fieldLines.getOrDefault(field, 1);
  }

  public Optional<Step> step(int number) {
    return number >= 1 && number <= steps.size()
        ? Optional.of(steps.get(number - 1))
        : Optional.empty();
  }

  /** Whether it applies to the partition, given the configured order. */
  public boolean appliesTo(String partition) {
    return partitions.isEmpty() || partitions.contains(partition);
  }

  /** Its partitions in choreography order: the configured order, restricted to its own list. */
  public List<String> order(List<String> configured) {
    return configured.stream().filter(this::appliesTo).toList();
  }
}
