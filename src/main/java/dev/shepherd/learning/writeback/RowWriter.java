package dev.shepherd.learning.writeback;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.shepherd.runbook.RowVocabulary;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.Step;
import dev.shepherd.runbook.TroubleshootingRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes new troubleshooting rows the way the runbook already writes them: another row of its table
 * with the table's own columns, another bold-label group with the same labels, another symptom
 * heading; or, where a step has none, a troubleshooting section like its other steps'.
 */
final class RowWriter {
  /** One row to add: each text a single line. */
  record NewRow(String symptom, String cause, String fix) {}

  private static final Pattern FENCE = Pattern.compile("^\\s*(`{3,}|~{3,}).*$");
  private static final Pattern TABLE_LEAD = Pattern.compile("[ \\t>]*");
  private static final Pattern NUMBERED_HEADING =
      Pattern.compile("^(.*?)(\\d+)(\\s*[:.)\\-–—]\\s*)(.*)$");

  private final RunbookLayout layout;
  private final Runbook runbook;

  RowWriter(RunbookLayout layout, Runbook runbook) {
    this.layout = layout;
    this.runbook = runbook;
  }

  /**
   * Adds the rows where the step's rows are: its own, the runbook-wide section's, or a new section.
   */
  void add(Step step, List<NewRow> rows) {
    List<TroubleshootingRow> existing =
        step.inheritsTroubleshooting()
            ? runbook.reading().troubleshooting()
            : step.troubleshooting();
    if (existing.isEmpty()) {
      addSection(step, rows);
    } else {
      after(
          existing.stream().max(Comparator.comparingInt(TroubleshootingRow::line)).orElseThrow(),
          rows);
    }
  }

  private void after(TroubleshootingRow last, List<NewRow> rows) {
    LineEdits edits = layout.source();
    int line = last.line();
    Optional<Integer> header = layout.tableHeader(line);
    if (header.isPresent()) {
      tableRows(line, edits.line(header.get()), rows).forEach(r -> edits.insert(line, List.of(r)));
      return;
    }
    Matcher heading = RunbookLayout.HEADING.matcher(edits.line(line));
    int end = groupEnd(line);
    Labels labels = labelsOf(line, end);
    boolean spaced = edits.blank(line - 1);
    List<String> lines = new ArrayList<>();
    int number = 0;
    for (NewRow row : rows) {
      List<String> group = new ArrayList<>();
      if (heading.matches()) {
        number++;
        group.add(
            heading.group(1)
                + " "
                + headingText(
                    heading.group(2) == null ? "" : heading.group(2), number, row.symptom()));
        if (edits.blank(line + 1)) {
          group.add("");
        }
      } else {
        group.add(labels.prefix + labels.symptom + " " + row.symptom());
      }
      group.add(labels.prefix + labels.cause + " " + row.cause());
      group.add(labels.prefix + labels.fix + " " + row.fix());
      if (spaced && !lines.isEmpty()) {
        lines.add("");
      }
      lines.addAll(group);
    }
    if (spaced || heading.matches()) {
      edits.insertBlock(end, lines);
    } else {
      edits.insert(end, lines);
    }
  }

  /**
   * The last non-blank line of the row group starting at the line: before a heading or another row.
   */
  private int groupEnd(int line) {
    LineEdits edits = layout.source();
    int region = layout.regionEnd(line);
    // Under a symptom heading, labels (its Symptoms: too) fill the row until the next heading.
    boolean underHeading = RunbookLayout.HEADING.matcher(edits.line(line)).matches();
    int last = line;
    String fence = null;
    for (int n = line + 1; n <= region; n++) {
      String text = edits.line(n);
      // A fix's code block holds "# comments" and "**" that are neither headings nor labels.
      Matcher opens = FENCE.matcher(text);
      if (fence != null || opens.matches()) {
        if (fence == null) {
          fence = opens.group(1);
        } else if (closes(text.strip(), fence)) {
          fence = null;
        }
        last = n;
        continue;
      }
      if (RunbookLayout.HEADING.matcher(text).matches()) {
        break;
      }
      Matcher label = RunbookLayout.LABEL.matcher(text);
      if (label.matches() && !underHeading) {
        Optional<RowVocabulary.Meaning> meaning = RowVocabulary.label(label.group(3));
        if (meaning.isPresent()
            && meaning.get() != RowVocabulary.Meaning.CAUSE
            && meaning.get() != RowVocabulary.Meaning.FIX) {
          break;
        }
      }
      if (!text.isBlank()) {
        last = n;
      }
    }
    return last;
  }

  /** Whether a line closes the fence: the same character, at least as many, nothing else. */
  private static boolean closes(String line, String fence) {
    char mark = fence.charAt(0);
    return line.length() >= fence.length() && line.chars().allMatch(c -> c == mark);
  }

  /**
   * The labels a group writes, as the last group wrote them ({@code **Symptoms:**}, {@code -
   * __Fix__:}).
   */
  private record Labels(String prefix, String symptom, String cause, String fix) {}

  private Labels labelsOf(int from, int to) {
    String prefix = "";
    String symptom = null;
    String cause = null;
    String fix = null;
    String style = "**%s:**";
    for (int n = from; n <= to; n++) {
      Matcher m = RunbookLayout.LABEL.matcher(layout.source().line(n));
      if (!m.matches()) {
        continue;
      }
      Optional<RowVocabulary.Meaning> meaning = RowVocabulary.label(m.group(3));
      if (meaning.isEmpty()) {
        continue;
      }
      prefix = m.group(1);
      style = m.group(2).replace(m.group(3), "%s");
      switch (meaning.get()) {
        case SYMPTOM -> symptom = symptom == null ? m.group(2) : symptom;
        case CAUSE -> cause = cause == null ? m.group(2) : cause;
        case FIX -> fix = fix == null ? m.group(2) : fix;
        default -> {}
      }
    }
    return new Labels(
        prefix,
        symptom != null ? symptom : String.format(style, "Symptom"),
        cause != null ? cause : String.format(style, "Cause"),
        fix != null ? fix : String.format(style, "Fix"));
  }

  /**
   * "Issue 2: the resize is refused" is followed by "Issue 3: …"; any other heading by the symptom.
   */
  private static String headingText(String last, int added, String symptom) {
    Matcher m = NUMBERED_HEADING.matcher(last);
    if (m.matches() && m.group(1).length() <= 20 && !m.group(1).contains("`")) {
      return m.group(1) + (Integer.parseInt(m.group(2)) + added) + m.group(3) + symptom;
    }
    return symptom;
  }

  private List<String> tableRows(int lastRow, String headerLine, List<NewRow> rows) {
    List<String> headers = RunbookLayout.cells(headerLine).stream().map(RowWriter::plain).toList();
    RowVocabulary.Columns columns = RowVocabulary.columns(headers).orElseThrow();
    // A table in a list item or a quote keeps its indentation and its "> ".
    Matcher lead = TABLE_LEAD.matcher(layout.source().line(lastRow));
    String indent = lead.lookingAt() ? lead.group() : "";
    boolean piped = headerLine.strip().startsWith("|");
    boolean mergedCause = columns.cause() < 0 && mentionsCause(headers.get(columns.fix()));
    List<String> lines = new ArrayList<>();
    for (NewRow row : rows) {
      String[] cells = new String[columns.count()];
      Arrays.fill(cells, "");
      cells[columns.symptom()] = cell(row.symptom());
      if (columns.cause() >= 0) {
        cells[columns.cause()] = cell(row.cause());
      }
      cells[columns.fix()] = cell(mergedCause ? row.cause() + ": " + row.fix() : row.fix());
      String joined = String.join(" | ", cells);
      lines.add(indent + (piped ? "| " + joined + " |" : joined));
    }
    return lines;
  }

  private static boolean mentionsCause(String header) {
    String lower = header.toLowerCase(Locale.ROOT);
    return lower.contains("cause") || lower.contains("why") || lower.contains("reason");
  }

  private static String plain(String cell) {
    return cell.replace("*", "").replace("_", " ").replace("`", "").strip();
  }

  static String cell(String text) {
    return text.replace("\\|", "|").replace("|", "\\|");
  }

  /** A section for a step without troubleshooting, worded like the runbook's other steps'. */
  private void addSection(Step step, List<NewRow> rows) {
    LineEdits edits = layout.source();
    Optional<Integer> level = layout.headingLevel(step);
    if (level.isEmpty()) {
      String indent = layout.itemIndent(step);
      List<String> lines = new ArrayList<>();
      for (NewRow row : rows) {
        if (!lines.isEmpty()) {
          lines.add("");
        }
        lines.add(indent + "**Symptom:** " + row.symptom());
        lines.add(indent + "**Cause:** " + row.cause());
        lines.add(indent + "**Fix:** " + row.fix());
      }
      edits.insertBlock(layout.stepEnd(step), lines);
      return;
    }
    Optional<Integer> labelled = labelledRows();
    if (template(level.get()).isEmpty() && labelled.isPresent()) {
      // The other steps write rows as bold-label groups straight in the step: so does this one.
      int first = labelled.get();
      Labels labels = labelsOf(first, groupEnd(first));
      edits.insertBlock(layout.stepEnd(step), groups(labels, rows));
      return;
    }
    Template template =
        template(level.get())
            .orElse(
                new Template(
                    "#".repeat(Math.min(6, level.get() + 1)) + " Troubleshooting",
                    "| Symptom | Cause | Fix |",
                    "| --- | --- | --- |"));
    List<String> lines =
        new ArrayList<>(List.of(template.heading, "", template.header, template.delimiter));
    lines.addAll(tableRows(0, template.header, rows));
    edits.insertBlock(layout.stepEnd(step), lines);
  }

  /** The first row of another step written as a bold-label group, if one is. */
  private Optional<Integer> labelledRows() {
    for (Step other : runbook.steps()) {
      if (other.inheritsTroubleshooting() || other.troubleshooting().isEmpty()) {
        continue;
      }
      int first = other.troubleshooting().get(0).line();
      Matcher m = RunbookLayout.LABEL.matcher(layout.source().line(first));
      if (m.matches()
          && RowVocabulary.label(m.group(3))
              .filter(x -> x == RowVocabulary.Meaning.SYMPTOM)
              .isPresent()) {
        return Optional.of(first);
      }
    }
    return Optional.empty();
  }

  private static List<String> groups(Labels labels, List<NewRow> rows) {
    List<String> lines = new ArrayList<>();
    for (NewRow row : rows) {
      if (!lines.isEmpty()) {
        lines.add("");
      }
      lines.add(labels.prefix + labels.symptom + " " + row.symptom());
      lines.add(labels.prefix + labels.cause + " " + row.cause());
      lines.add(labels.prefix + labels.fix + " " + row.fix());
    }
    return lines;
  }

  private record Template(String heading, String header, String delimiter) {}

  /** Another step's troubleshooting heading and table header, at this step's depth. */
  private Optional<Template> template(int level) {
    LineEdits edits = layout.source();
    for (Step other : runbook.steps()) {
      Optional<Integer> otherLevel = layout.headingLevel(other);
      if (other.inheritsTroubleshooting()
          || other.troubleshooting().isEmpty()
          || otherLevel.isEmpty()) {
        continue;
      }
      int first = other.troubleshooting().get(0).line();
      Optional<Integer> header = layout.tableHeader(first);
      if (header.isEmpty()
          || RowVocabulary.columns(
                  RunbookLayout.cells(edits.line(header.get())).stream()
                      .map(RowWriter::plain)
                      .toList())
              .isEmpty()) {
        continue;
      }
      for (int n = header.get() - 1; n > other.line(); n--) {
        Matcher m = RunbookLayout.HEADING.matcher(edits.line(n));
        if (m.matches()) {
          if (m.group(2) == null || !RowVocabulary.troubleshootingHeading(m.group(2))) {
            break;
          }
          int depth = Math.max(1, Math.min(6, level + m.group(1).length() - otherLevel.get()));
          return Optional.of(
              new Template(
                  "#".repeat(depth) + " " + m.group(2),
                  edits.line(header.get()).strip(),
                  edits.line(header.get() + 1).strip()));
        }
      }
    }
    return Optional.empty();
  }
}
