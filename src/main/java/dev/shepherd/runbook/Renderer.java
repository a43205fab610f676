package dev.shepherd.runbook;

import dev.shepherd.partition.Partition;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Fills a runbook's templates for one partition: prose, commands, verify, tables, rollback,
 * warnings and the checklist alike. The result has the same shape as the runbook it came from, its
 * sections' paragraphs joined into one line each ({@link SoftBreaks}).
 */
public final class Renderer {
  private final Function<String, Optional<String>> variables;
  private final Set<Rendition.UndefinedVariable> undefined = new LinkedHashSet<>();

  private Renderer(Function<String, Optional<String>> variables) {
    this.variables = variables;
  }

  public static Rendition render(Runbook runbook, Partition partition) {
    Renderer renderer = new Renderer(partition::variable);
    Runbook rendered = renderer.runbook(runbook);
    return new Rendition(rendered, partition, List.copyOf(renderer.undefined));
  }

  /**
   * Every placeholder the runbook uses and its line, in the order rendering meets them: what {@code
   * render(runbook, p).undefined()} reports on a partition {@code p} that defines no variable at
   * all. On any partition, {@code undefined()} is this list less the names it defines.
   */
  public static List<Rendition.UndefinedVariable> placeholders(Runbook runbook) {
    // Lint asks this of every runbook: read the texts without copying the runbook, and each
    // text once. A section's commands are cut from its markdown (same names, same file lines),
    // and an inherited Rollback or Troubleshooting is one object shared by every step.
    Set<Rendition.UndefinedVariable> uses = new LinkedHashSet<>();
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    uses(runbook.title(), runbook.lineOf("title"), uses);
    runbook.checklist().forEach(item -> uses(item.text(), item.line(), uses));
    uses(runbook.introduction(), uses);
    for (Step step : runbook.steps()) {
      uses(step.title(), step.line(), uses);
      uses(step.instructions(), uses);
      step.verify().ifPresent(section -> uses(section, uses));
      if (seen.add(step.troubleshooting())) {
        step.troubleshooting()
            .forEach(
                row -> {
                  uses(row.symptom(), row.line(), uses);
                  uses(row.cause(), row.line(), uses);
                  uses(row.fix(), row.line(), uses);
                });
      }
      for (Optional<Section> part : List.of(step.diagnosis(), step.rollback(), step.cleanup())) {
        part.filter(seen::add).ifPresent(section -> uses(section, uses));
      }
      step.warnings().forEach(warning -> uses(warning.text(), warning.line(), uses));
    }
    Reading reading = runbook.reading();
    for (Optional<Section> part :
        List.of(reading.rollback(), reading.diagnosis(), reading.verify())) {
      part.filter(seen::add).ifPresent(section -> uses(section, uses));
    }
    if (seen.add(reading.troubleshooting())) {
      reading
          .troubleshooting()
          .forEach(
              row -> {
                uses(row.symptom(), row.line(), uses);
                uses(row.cause(), row.line(), uses);
                uses(row.fix(), row.line(), uses);
              });
    }
    return List.copyOf(uses);
  }

  private static void uses(Section section, Set<Rendition.UndefinedVariable> uses) {
    uses(section.markdown(), section.line(), uses);
  }

  private static void uses(String text, int line, Set<Rendition.UndefinedVariable> uses) {
    for (Template.Use use : Template.uses(text)) {
      uses.add(new Rendition.UndefinedVariable(use.name(), line + use.lineOffset()));
    }
  }

  private Runbook runbook(Runbook runbook) {
    return new Runbook(
        runbook.id(),
        text(runbook.title(), runbook.lineOf("title")),
        runbook.path(),
        runbook.revision(),
        runbook.approvers(),
        runbook.approvals(),
        runbook.partitions(),
        runbook.checklist().stream()
            .map(item -> new ChecklistItem(text(item.text(), item.line()), item.line()))
            .toList(),
        runbook.reminders(),
        section(runbook.introduction()),
        runbook.steps().stream().map(this::step).toList(),
        runbook.fieldLines(),
        runbook.problems(),
        runbook.source(),
        runbook
            .reading()
            .withSections(
                runbook.reading().rollback().map(this::section),
                runbook.reading().troubleshooting().stream().map(this::row).toList(),
                runbook.reading().diagnosis().map(this::section),
                runbook.reading().verify().map(this::section)));
  }

  private Step step(Step step) {
    return new Step(
        step.number(),
        text(step.title(), step.line()),
        step.line(),
        section(step.instructions()),
        step.verify().map(this::section),
        step.troubleshooting().stream().map(this::row).toList(),
        step.diagnosis().map(this::section),
        step.rollback().map(this::section),
        step.cleanup().map(this::section),
        step.warnings().stream()
            .map(w -> new Warning(text(w.text(), w.line()), w.line(), w.level()))
            .toList(),
        step.approvalRequired(),
        step.inheritsRollback(),
        step.inheritsTroubleshooting());
  }

  private Section section(Section section) {
    // Templates first: their errors name file lines, which joining the prose would move.
    return new Section(
        SoftBreaks.join(text(section.markdown(), section.line())),
        section.commands().stream()
            .map(c -> new Command(c.language(), text(c.code(), c.line()), c.line()))
            .toList(),
        section.line());
  }

  private TroubleshootingRow row(TroubleshootingRow row) {
    return new TroubleshootingRow(
        text(row.symptom(), row.line()),
        text(row.cause(), row.line()),
        text(row.fix(), row.line()),
        row.line());
  }

  private String text(String text, int line) {
    Template.Result result = Template.render(text, variables);
    for (Template.Use use : result.undefined()) {
      undefined.add(new Rendition.UndefinedVariable(use.name(), line + use.lineOffset()));
    }
    return result.text();
  }
}
