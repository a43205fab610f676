package dev.shepherd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.lint.Problem;
import dev.shepherd.partition.Choreography;
import dev.shepherd.partition.Partition;
import dev.shepherd.rollout.access.AccessPolicy;
import dev.shepherd.runbook.ChecklistItem;
import dev.shepherd.runbook.Command;
import dev.shepherd.runbook.Rendition;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.Section;
import dev.shepherd.runbook.Step;
import dev.shepherd.runbook.TroubleshootingRow;
import dev.shepherd.runbook.Warning;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What {@code show} prints: a rendition as text for people, or as one JSON document. */
final class RunbookPrinter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Rendition rendition;
  private final List<Problem> findings;
  private final Runbook runbook;
  private final Partition partition;
  private final List<String> order;
  private final String pathPrefix;

  /**
   * @param findings what {@link dev.shepherd.lint.PartitionSafety} found for this partition, with
   *     paths as people should read them
   */
  RunbookPrinter(
      Rendition rendition,
      List<Problem> findings,
      List<String> configuredOrder,
      String pathPrefix) {
    this.rendition = rendition;
    this.findings = List.copyOf(findings);
    this.runbook = rendition.runbook();
    this.partition = rendition.partition();
    this.order = runbook.order(configuredOrder);
    this.pathPrefix = pathPrefix;
  }

  private String location(int line) {
    return pathPrefix + runbook.path() + ":" + line;
  }

  private boolean needsApproval(Step step) {
    return step.approvalRequired() || partition.isProtected();
  }

  private Set<String> approvers() {
    return AccessPolicy.approvers(runbook, partition);
  }

  private int approvals() {
    return AccessPolicy.approvals(runbook, partition);
  }

  String json() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode about = root.putObject("runbook");
    about.put("id", runbook.id());
    about.put("title", runbook.title());
    about.put("path", pathPrefix + runbook.path());
    ObjectNode revision = about.putObject("revision");
    revision.put("kind", runbook.revision().kind().name().toLowerCase(Locale.ROOT));
    revision.put("id", runbook.revision().id());
    revision.put("short", runbook.revision().shortId());
    ObjectNode target = root.putObject("partition");
    target.put("name", partition.name());
    target.put("last", Choreography.isLast(partition.name(), order));
    target.put("protected", partition.isProtected());
    target.put("approvals", AccessPolicy.approvals(runbook, partition));
    order.forEach(root.putArray("order")::add);
    approvers().forEach(root.putArray("approvers")::add);
    ArrayNode checklist = root.putArray("checklist");
    for (ChecklistItem item : runbook.checklist()) {
      checklist.addObject().put("text", item.text()).put("line", item.line());
    }
    root.put("introduction", runbook.introduction().markdown());
    ArrayNode undefined = root.putArray("undefinedVariables");
    rendition
        .undefined()
        .forEach(v -> undefined.addObject().put("name", v.name()).put("line", v.line()));
    ArrayNode steps = root.putArray("steps");
    runbook.steps().forEach(step -> step(steps.addObject(), step));
    ReadingJson.write(root, runbook);
    ArrayNode problems = root.putArray("problems");
    runbook
        .problems()
        .forEach(p -> problems.addObject().put("line", p.line()).put("message", p.message()));
    ArrayNode found = root.putArray("findings");
    findings.forEach(
        f ->
            found
                .addObject()
                .put("path", f.path())
                .put("line", f.line())
                .put("severity", f.severity().label())
                .put("message", f.message()));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serialises", e);
    }
  }

  private void step(ObjectNode node, Step step) {
    node.put("number", step.number());
    node.put("title", step.title());
    node.put("line", step.line());
    node.put("location", location(step.line()));
    node.put("approvalRequired", needsApproval(step));
    node.put("instructions", step.instructions().markdown());
    commands(node.putArray("commands"), step.instructions().commands());
    section(node, "verify", step.verify(), false);
    ArrayNode rows = node.putArray("troubleshooting");
    for (TroubleshootingRow row : step.troubleshooting()) {
      rows.addObject()
          .put("symptom", row.symptom())
          .put("cause", row.cause())
          .put("fix", row.fix())
          .put("line", row.line());
    }
    node.put("troubleshootingInherited", step.inheritsTroubleshooting());
    section(node, "diagnosis", step.diagnosis(), false);
    section(node, "rollback", step.rollback(), step.inheritsRollback());
    section(node, "cleanup", step.cleanup(), false);
    ArrayNode warnings = node.putArray("warnings");
    for (Warning warning : step.warnings()) {
      warnings
          .addObject()
          .put("text", warning.text())
          .put("line", warning.line())
          .put("level", warning.level().name().toLowerCase(Locale.ROOT));
    }
  }

  private static void section(
      ObjectNode parent, String name, Optional<Section> section, boolean inherited) {
    if (section.isEmpty()) {
      parent.putNull(name);
      return;
    }
    ObjectNode node = parent.putObject(name);
    node.put("text", section.get().markdown());
    node.put("line", section.get().line());
    commands(node.putArray("commands"), section.get().commands());
    if ("rollback".equals(name)) {
      node.put("inherited", inherited);
    }
  }

  private static void commands(ArrayNode array, List<Command> commands) {
    for (Command command : commands) {
      array
          .addObject()
          .put("language", command.language())
          .put("code", command.code())
          .put("line", command.line());
    }
  }

  String text() {
    StringBuilder out = new StringBuilder();
    out.append(runbook.title()).append("  [").append(runbook.id()).append("]\n");
    out.append("revision: ").append(runbook.revision()).append('\n');
    out.append("partition: ")
        .append(partition.name())
        .append(Choreography.isLast(partition.name(), order) ? " (last partition)" : "")
        .append(partition.isProtected() ? ", protected" : "")
        .append(", order: ")
        .append(String.join(" → ", order))
        .append('\n');
    out.append("approvers: ")
        .append(approvers().isEmpty() ? "none" : String.join(", ", approvers()))
        .append(approvals() > 1 ? " (" + approvals() + " per step)" : "")
        .append('\n');
    rendition
        .undefined()
        .forEach(
            v ->
                out.append("! undefined on ")
                    .append(partition.name())
                    .append(": {{")
                    .append(v.name())
                    .append("}} at ")
                    .append(location(v.line()))
                    .append('\n'));
    findings.forEach(finding -> out.append("! ").append(finding).append('\n'));
    runbook.reading().description().ifPresent(d -> out.append("\n").append(d).append('\n'));
    if (!runbook.introduction().isBlank()) {
      out.append("\nIntroduction\n")
          .append(indent(runbook.introduction().markdown(), "  "))
          .append('\n');
    }
    if (!runbook.checklist().isEmpty()) {
      out.append("\nChecklist\n");
      runbook.checklist().forEach(item -> out.append("  [ ] ").append(item.text()).append('\n'));
    }
    for (Step step : runbook.steps()) {
      out.append("\n")
          .append(step.number())
          .append(". ")
          .append(step.title())
          .append("  (")
          .append(location(step.line()))
          .append(")")
          .append(needsApproval(step) ? "  — needs approval" : "")
          .append('\n');
      step.warnings()
          .forEach(
              w ->
                  out.append("  ")
                      .append(mark(w.level()))
                      .append(' ')
                      .append(indent(w.text(), "    ").strip())
                      .append('\n'));
      block(out, null, Optional.of(step.instructions()));
      block(out, "Verify", step.verify());
      if (!step.troubleshooting().isEmpty()) {
        out.append("  Troubleshooting")
            .append(step.inheritsTroubleshooting() ? " (runbook-wide)" : "")
            .append('\n');
        step.troubleshooting()
            .forEach(
                row ->
                    out.append("    • ")
                        .append(row.symptom())
                        .append(" → ")
                        .append(row.cause())
                        .append(" → ")
                        .append(row.fix())
                        .append('\n'));
      }
      block(out, "Diagnosis", step.diagnosis());
      block(out, step.inheritsRollback() ? "Rollback (runbook-wide)" : "Rollback", step.rollback());
      block(out, "Cleanup", step.cleanup());
    }
    wide(out);
    if (!runbook.reading().notWalked().isEmpty()) {
      out.append("\nNot walked\n");
      runbook
          .reading()
          .notWalked()
          .forEach(
              range ->
                  out.append("  ")
                      .append(location(range.firstLine()))
                      .append(range.lastLine() > range.firstLine() ? "-" + range.lastLine() : "")
                      .append(": ")
                      .append(range.reason())
                      .append('\n'));
    }
    if (runbook.reading().templating().present()) {
      out.append("\nDocs-site templating shown as written: ")
          .append(String.join(", ", runbook.reading().templating().dialects()))
          .append(" (")
          .append(runbook.reading().templating().uses())
          .append(" uses, first at ")
          .append(location(runbook.reading().templating().firstLine()))
          .append(")\n");
    }
    return out.toString();
  }

  /** The runbook-wide sections, which every step without its own falls back on. */
  private void wide(StringBuilder out) {
    var reading = runbook.reading();
    if (reading.rollback().isEmpty()
        && reading.troubleshooting().isEmpty()
        && reading.diagnosis().isEmpty()
        && reading.verify().isEmpty()) {
      return;
    }
    out.append("\nRunbook-wide\n");
    block(out, "Verify", reading.verify());
    if (!reading.troubleshooting().isEmpty()) {
      out.append("  Troubleshooting\n");
      reading
          .troubleshooting()
          .forEach(
              row ->
                  out.append("    • ")
                      .append(row.symptom())
                      .append(" → ")
                      .append(row.cause().isEmpty() ? "?" : row.cause())
                      .append(" → ")
                      .append(row.fix())
                      .append('\n'));
    }
    block(out, "Troubleshooting", reading.diagnosis());
    block(out, "Rollback", reading.rollback());
  }

  private static void block(StringBuilder out, String heading, Optional<Section> section) {
    if (section.isEmpty() || section.get().isBlank()) {
      return;
    }
    if (heading != null) {
      out.append("  ").append(heading).append('\n');
    }
    out.append(indent(section.get().markdown(), heading == null ? "  " : "    ")).append('\n');
  }

  private static String mark(Warning.Level level) {
    return switch (level) {
      case NOTE -> "ℹ note:";
      case TIP -> "ℹ tip:";
      case IMPORTANT -> "❗ important:";
      case WARNING -> "⚠";
      case CAUTION -> "⛔ caution:";
    };
  }

  private static String indent(String text, String prefix) {
    return prefix + text.replace("\n", "\n" + prefix);
  }
}
