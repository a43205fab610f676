package dev.shepherd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.runbook.Survey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code survey} prints: one row per Markdown file, then totals, as text, JSON or Markdown.
 */
final class SurveyPrinter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<String> HEADERS =
      List.of(
          "file",
          "steps",
          "shape",
          "rollback",
          "troubleshooting",
          "warnings",
          "not walked",
          "verdict");

  private final List<Survey.Row> rows;
  private final String source;

  SurveyPrinter(List<Survey.Row> rows, String source) {
    this.rows = List.copyOf(rows);
    this.source = source;
  }

  private Map<Survey.Verdict, Integer> totals() {
    Map<Survey.Verdict, Integer> totals = new EnumMap<>(Survey.Verdict.class);
    for (Survey.Verdict verdict : Survey.Verdict.values()) {
      totals.put(verdict, 0);
    }
    rows.forEach(row -> totals.merge(row.verdict(), 1, Integer::sum));
    return totals;
  }

  String totalsLine() {
    Map<Survey.Verdict, Integer> totals = totals();
    int steps = rows.stream().mapToInt(Survey.Row::steps).sum();
    return rows.size()
        + " Markdown file"
        + (rows.size() == 1 ? "" : "s")
        + " in "
        + source
        + ": "
        + totals.get(Survey.Verdict.READY)
        + " ready, "
        + totals.get(Survey.Verdict.GAPS)
        + " walkable with gaps, "
        + totals.get(Survey.Verdict.NOT_A_RUNBOOK)
        + " not runbooks; "
        + steps
        + " steps in all";
  }

  private static List<String> cells(Survey.Row row) {
    return List.of(
        row.path(),
        String.valueOf(row.steps()),
        row.shape(),
        row.rollback(),
        row.troubleshooting(),
        String.valueOf(row.warnings()),
        String.valueOf(row.notWalked()),
        row.verdict().words() + (row.gaps().isEmpty() ? "" : ": " + String.join("; ", row.gaps())));
  }

  String text() {
    List<List<String>> table = new ArrayList<>();
    table.add(HEADERS);
    rows.forEach(row -> table.add(cells(row)));
    int[] widths = new int[HEADERS.size()];
    for (List<String> line : table) {
      for (int i = 0; i < line.size() - 1; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> line : table) {
      for (int i = 0; i < line.size(); i++) {
        String cell = line.get(i);
        out.append(i == line.size() - 1 ? cell : cell + " ".repeat(widths[i] - cell.length() + 2));
      }
      out.append('\n');
    }
    return out.append(totalsLine()).append('\n').toString();
  }

  String markdown() {
    StringBuilder out = new StringBuilder("| ").append(String.join(" | ", HEADERS)).append(" |\n|");
    HEADERS.forEach(h -> out.append(" --- |"));
    out.append('\n');
    for (Survey.Row row : rows) {
      out.append("| ")
          .append(
              String.join(
                  " | ", cells(row).stream().map(cell -> cell.replace("|", "\\|")).toList()))
          .append(" |\n");
    }
    return out.append('\n').append(totalsLine()).append('\n').toString();
  }

  String json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("source", source);
    ArrayNode files = root.putArray("files");
    for (Survey.Row row : rows) {
      ObjectNode file = files.addObject();
      file.put("path", row.path());
      file.put("steps", row.steps());
      file.put("shape", row.shape());
      file.put("rollback", row.rollback());
      file.put("troubleshooting", row.troubleshooting());
      file.put("warnings", row.warnings());
      file.put("notWalked", row.notWalked());
      file.put("problems", row.problems());
      file.put("verdict", row.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      row.gaps().forEach(file.putArray("gaps")::add);
    }
    ObjectNode totals = root.putObject("totals");
    totals.put("files", rows.size());
    totals()
        .forEach(
            (verdict, count) ->
                totals.put(verdict.name().toLowerCase(Locale.ROOT).replace('_', '-'), count));
    totals.put("steps", rows.stream().mapToInt(Survey.Row::steps).sum());
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serialises", e);
    }
  }
}
