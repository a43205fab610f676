package dev.shepherd.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.runbook.Command;
import dev.shepherd.runbook.NotWalked;
import dev.shepherd.runbook.Reading;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.Section;
import dev.shepherd.runbook.TroubleshootingRow;
import java.util.List;
import java.util.Optional;

/**
 * The part of {@code show --json} that says how a runbook was read: its step shape, its
 * runbook-wide sections and what was not walked. Public so the parser's fixtures are checked
 * against exactly what {@code show} prints.
 */
public final class ReadingJson {
  private ReadingJson() {}

  public static void write(ObjectNode root, Runbook runbook) {
    Reading reading = runbook.reading();
    root.put("shape", reading.shape());
    if (reading.description().isPresent()) {
      root.put("description", reading.description().get());
    } else {
      root.putNull("description");
    }
    ObjectNode wide = root.putObject("runbookWide");
    section(wide, "rollback", reading.rollback());
    ArrayNode rows = wide.putArray("troubleshooting");
    for (TroubleshootingRow row : reading.troubleshooting()) {
      rows.addObject()
          .put("symptom", row.symptom())
          .put("cause", row.cause())
          .put("fix", row.fix())
          .put("line", row.line());
    }
    section(wide, "diagnosis", reading.diagnosis());
    section(wide, "verify", reading.verify());
    ArrayNode notWalked = root.putArray("notWalked");
    for (NotWalked range : reading.notWalked()) {
      notWalked
          .addObject()
          .put("from", range.firstLine())
          .put("to", range.lastLine())
          .put("why", range.reason());
    }
    ObjectNode templating = root.putObject("foreignTemplating");
    reading.templating().dialects().forEach(templating.putArray("dialects")::add);
    templating.put("uses", reading.templating().uses());
    templating.put("firstLine", reading.templating().firstLine());
    if (runbook.steps().isEmpty()) {
      root.put("nearest", reading.nearest());
    }
  }

  private static void section(ObjectNode parent, String name, Optional<Section> section) {
    if (section.isEmpty()) {
      parent.putNull(name);
      return;
    }
    ObjectNode node = parent.putObject(name);
    node.put("text", section.get().markdown());
    node.put("line", section.get().line());
    commands(node.putArray("commands"), section.get().commands());
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
}
