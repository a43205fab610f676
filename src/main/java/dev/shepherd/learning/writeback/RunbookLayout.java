package dev.shepherd.learning.writeback;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.shepherd.runbook.Placement;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.Step;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Where things are in a runbook's source: its steps' headings and ends, its tables, its labels. */
final class RunbookLayout {
  static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?[ \\t#]*$");

  /** A list item's indentation, marker and the spaces after it (a task's [ ] is content). */
  static final Pattern LIST_ITEM = Pattern.compile("^(\\s*(?:\\d{1,9}[.)]|[-*+]))( +)");

  /**
   * A bold label starting a line, as the reader's LabelledText finds it: prefix, open, name, close,
   * rest.
   */
  static final Pattern LABEL =
      Pattern.compile(
          "^(\\s*(?:[-*+]\\s+|\\d+[.)]\\s+)?)((?:\\*\\*|__)\\s*([^*_:]+?)\\s*(?::\\s*(?:\\*\\*|__)|(?:\\*\\*|__)\\s*:))\\s?(.*)$");

  private static final Pattern DELIMITER =
      Pattern.compile("^\\s*\\|?\\s*:?-+:?\\s*(?:\\|\\s*:?-+:?\\s*)*\\|?\\s*$");

  private final LineEdits source;
  private final List<Placement> placements;

  RunbookLayout(LineEdits source, Runbook runbook) {
    this.source = source;
    this.placements =
        runbook.reading().placements().stream()
            .sorted(Comparator.comparingInt(Placement::firstLine))
            .toList();
  }

  LineEdits source() {
    return source;
  }

  /**
   * The level of the step's ATX heading, or empty when the step is a list item (or a setext
   * heading).
   */
  Optional<Integer> headingLevel(Step step) {
    Matcher m = HEADING.matcher(source.line(step.line()));
    return m.matches() ? Optional.of(m.group(1).length()) : Optional.empty();
  }

  /** The list marker and spaces of a list-item step: its content's indentation. */
  String itemIndent(Step step) {
    Matcher m = LIST_ITEM.matcher(source.line(step.line()));
    if (!m.find()) {
      return "";
    }
    // Five spaces or more after the marker start an indented code block: the content is one in.
    int spaces = m.group(2).length() > 4 ? 1 : m.group(2).length();
    return " ".repeat(m.group(1).length() + spaces);
  }

  /** The last line of the block that starts at the line (a heading's own line for ATX). */
  int blockEnd(int line) {
    return placements.stream()
        .filter(p -> p.firstLine() == line)
        .mapToInt(Placement::lastLine)
        .max()
        .orElse(line);
  }

  /** The step's last line that is its own: the end of its last block. */
  int stepEnd(Step step) {
    String where = "step " + step.number();
    return placements.stream()
        .filter(p -> p.where().equals(where))
        .mapToInt(Placement::lastLine)
        .max()
        .orElse(step.line());
  }

  /** The end of the run of blocks placed where the one holding the line was (a step, a section). */
  int regionEnd(int line) {
    String where = null;
    int end = line;
    for (Placement p : placements) {
      if (where == null) {
        if (p.firstLine() <= line && line <= p.lastLine()) {
          where = p.where();
          end = p.lastLine();
        }
      } else if (p.where().equals(where)) {
        end = Math.max(end, p.lastLine());
      } else if (p.firstLine() > end) {
        break;
      }
    }
    return end;
  }

  /** The header line of the table holding the line, if it is a table's body row. */
  Optional<Integer> tableHeader(int line) {
    if (!source.line(line).contains("|") || DELIMITER.matcher(source.line(line)).matches()) {
      return Optional.empty();
    }
    for (int n = line - 1; n >= 2; n--) {
      String text = source.line(n);
      if (DELIMITER.matcher(text).matches() && text.contains("-")) {
        return Optional.of(n - 1);
      }
      if (!text.contains("|")) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** A table row's cells, split at pipes that are not escaped, without the outer pipes. */
  static List<String> cells(String row) {
    String text = row.strip();
    if (text.startsWith("|")) {
      text = text.substring(1);
    }
    if (text.endsWith("|") && !text.endsWith("\\|")) {
      text = text.substring(0, text.length() - 1);
    }
    return List.of(text.split("(?<!\\\\)\\|", -1)).stream().map(String::strip).toList();
  }
}
