package dev.shepherd.runbook;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Collects one step's parts while the document is walked. */
final class StepBuilder {
  final String title;

  /** The section the step sits in ("Upgrade each worker"), to tell apart steps named alike. */
  final Optional<String> group;

  final int line;
  final SectionBuilder instructions;
  final Map<Labels.Part, SectionBuilder> parts = new EnumMap<>(Labels.Part.class);
  final List<TroubleshootingRow> rows = new ArrayList<>();
  final List<Warning> warnings = new ArrayList<>();
  boolean approvalRequired;

  StepBuilder(String title, int line) {
    this(title, line, Optional.empty());
  }

  StepBuilder(String title, int line, Optional<String> group) {
    this.group = group;
    this.title = title;
    this.line = line;
    this.instructions = new SectionBuilder(line + 1);
  }

  SectionBuilder part(Labels.Part part, int line) {
    return parts.computeIfAbsent(part, p -> new SectionBuilder(line));
  }

  Step build(int number, Optional<Section> runbookRollback, List<TroubleshootingRow> runbookRows) {
    return build(number, title, runbookRollback, runbookRows);
  }

  /** The step, under a title of its own when its heading's repeats an earlier step's. */
  Step build(
      int number,
      String title,
      Optional<Section> runbookRollback,
      List<TroubleshootingRow> runbookRows) {
    Optional<Section> rollback = section(Labels.Part.ROLLBACK);
    boolean inheritsRollback = rollback.isEmpty() && runbookRollback.isPresent();
    boolean inheritsRows = rows.isEmpty() && !runbookRows.isEmpty();
    return new Step(
        number,
        title,
        line,
        instructions.build(),
        section(Labels.Part.VERIFY),
        inheritsRows ? runbookRows : rows,
        section(Labels.Part.TROUBLESHOOTING),
        inheritsRollback ? runbookRollback : rollback,
        section(Labels.Part.CLEANUP),
        warnings,
        approvalRequired,
        inheritsRollback,
        inheritsRows);
  }

  private Optional<Section> section(Labels.Part part) {
    SectionBuilder builder = parts.get(part);
    return builder == null || builder.isEmpty() ? Optional.empty() : Optional.of(builder.build());
  }
}
