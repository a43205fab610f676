package dev.shepherd.runbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.cli.ReadingJson;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed runbook as JSON, for fixtures that sit beside their {@code .md}. Steps have the shape
 * {@code show --json} prints (without {@code location}, and with {@code approvalRequired} as the
 * runbook says it rather than as a partition makes it); the top level is the model itself, since no
 * partition is involved.
 */
final class RunbookJson {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunbookJson() {}

  static ObjectNode of(Runbook runbook) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("id", runbook.id());
    root.put("title", runbook.title());
    root.put("path", runbook.path());
    strings(root.putArray("approvers"), runbook.approvers());
    strings(root.putArray("partitions"), runbook.partitions());
    ArrayNode checklist = root.putArray("checklist");
    for (ChecklistItem item : runbook.checklist()) {
      checklist.addObject().put("text", item.text()).put("line", item.line());
    }
    strings(root.putArray("reminders"), runbook.reminders());
    root.put("introduction", runbook.introduction().markdown());
    ArrayNode steps = root.putArray("steps");
    runbook.steps().forEach(step -> step(steps.addObject(), step));
    ReadingJson.write(root, runbook);
    ArrayNode problems = root.putArray("problems");
    runbook
        .problems()
        .forEach(p -> problems.addObject().put("line", p.line()).put("message", p.message()));
    return root;
  }

  private static void step(ObjectNode node, Step step) {
    node.put("number", step.number());
    node.put("title", step.title());
    node.put("line", step.line());
    node.put("approvalRequired", step.approvalRequired());
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

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
