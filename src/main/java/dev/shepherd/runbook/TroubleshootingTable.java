package dev.shepherd.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.node.Node;

/**
 * Reads a GFM table of troubleshooting rows, finding the columns by what their headers mean: two
 * columns (symptom → fix) or three and more, including one column that merges two meanings ("Cause
 * / fix"). A table that is not about troubleshooting at all is left to be shown as prose.
 */
final class TroubleshootingTable {
  private static final String[] SYMPTOM = {
    "symptom",
    "problem",
    "issue",
    "error",
    "what you see",
    "alert",
    "signal",
    "observation",
    "message",
    "failure",
    "scenario"
  };
  private static final String[] CAUSE = {"cause", "reason", "why", "explanation", "diagnosis"};
  private static final String[] FIX = {
    "fix",
    "resolution",
    "remedy",
    "solution",
    "action",
    "mitigation",
    "workaround",
    "remediation",
    "what to do",
    "resolve",
    "response",
    "recovery"
  };

  private TroubleshootingTable() {}

  /** The rows read; {@code understood} false when the table is not one of rows. */
  record Read(boolean understood, List<TroubleshootingRow> rows) {}

  static Read read(TableBlock table, List<ParseProblem> problems) {
    List<String> headers = new ArrayList<>();
    for (Node part = table.getFirstChild(); part != null; part = part.getNext()) {
      if (part instanceof TableHead head && head.getFirstChild() != null) {
        for (Node cell = head.getFirstChild().getFirstChild();
            cell != null;
            cell = cell.getNext()) {
          headers.add(InlineText.plain(cell).toLowerCase(Locale.ROOT));
        }
      }
    }
    int[] columns = columns(headers);
    int symptom = columns[0];
    int cause = columns[1];
    int fix = columns[2];
    if (symptom < 0 && fix < 0) {
      return new Read(false, List.of());
    }
    if (symptom < 0 || fix < 0) {
      problems.add(
          new ParseProblem(
              SourceLines.firstLine(table),
              "troubleshooting table needs a "
                  + (symptom < 0 ? "Symptom" : "Fix")
                  + " column ("
                  + (symptom < 0
                      ? "Symptom, Problem, Issue or Error"
                      : "Fix, Resolution, Solution, Mitigation or Workaround")
                  + "), found: "
                  + String.join(", ", headers)
                  + "; add it, or Shepherd shows the table as prose"));
      return new Read(false, List.of());
    }
    List<TroubleshootingRow> rows = new ArrayList<>();
    int line = SourceLines.firstLine(table) + 2;
    for (Node part = table.getFirstChild(); part != null; part = part.getNext()) {
      if (!(part instanceof TableBody)) {
        continue;
      }
      for (Node row = part.getFirstChild(); row != null; row = row.getNext(), line++) {
        List<String> cells = new ArrayList<>();
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
          cells.add(InlineText.markdown(cell));
        }
        int rowLine = SourceLines.firstLine(row) > 0 ? SourceLines.firstLine(row) : line;
        rows.add(
            new TroubleshootingRow(
                cell(cells, symptom), cell(cells, cause), cell(cells, fix), rowLine));
      }
    }
    return new Read(true, rows);
  }

  /** The symptom, cause and fix columns of lower-cased headers, each -1 when no column holds it. */
  static int[] columns(List<String> headers) {
    int symptom = -1;
    int cause = -1;
    int fix = -1;
    List<Integer> merged = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      boolean isSymptom = mentions(headers.get(i), SYMPTOM);
      boolean isCause = mentions(headers.get(i), CAUSE);
      boolean isFix = mentions(headers.get(i), FIX);
      if ((isSymptom ? 1 : 0) + (isCause ? 1 : 0) + (isFix ? 1 : 0) > 1) {
        merged.add(i);
      } else if (isSymptom && symptom < 0) {
        symptom = i;
      } else if (isCause && cause < 0) {
        cause = i;
      } else if (isFix && fix < 0) {
        fix = i;
      }
    }
    // A merged column takes the meaning no other column has: "Cause / fix" beside "Symptom".
    for (int i : merged) {
      String header = headers.get(i);
      if (fix < 0 && mentions(header, FIX)) {
        fix = i;
      } else if (symptom < 0 && mentions(header, SYMPTOM)) {
        symptom = i;
      } else if (cause < 0 && mentions(header, CAUSE)) {
        cause = i;
      }
    }
    return new int[] {symptom, cause, fix};
  }

  /** Whether a header holds one of the words, at a word start ("likely cause", "cause / fix"). */
  private static boolean mentions(String header, String[] words) {
    for (String word : words) {
      int at = header.indexOf(word);
      while (at >= 0) {
        if (at == 0 || !Character.isLetter(header.charAt(at - 1))) {
          return true;
        }
        at = header.indexOf(word, at + 1);
      }
    }
    return false;
  }

  private static String cell(List<String> cells, int index) {
    return index >= 0 && index < cells.size() ? cells.get(index) : "";
  }
}
