package dev.shepherd.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.node.Node;

/** Reads a GFM table of symptom → cause → fix rows, finding the columns by their headers. */
final class TroubleshootingTable {
  private TroubleshootingTable() {}

  /** The rows, or a problem when the header lacks one of the three columns. */
  static List<TroubleshootingRow> read(TableBlock table, List<ParseProblem> problems) {
    List<String> headers = new ArrayList<>();
    List<TroubleshootingRow> rows = new ArrayList<>();
    for (Node part = table.getFirstChild(); part != null; part = part.getNext()) {
      if (part instanceof TableHead head && head.getFirstChild() != null) {
        for (Node cell = head.getFirstChild().getFirstChild(); cell != null; cell = cell.getNext()) {
          headers.add(InlineText.plain(cell).toLowerCase(Locale.ROOT));
        }
      }
    }
    int symptom = column(headers, "symptom", "problem", "error", "what you see");
    int cause = column(headers, "cause", "reason", "why");
    int fix = column(headers, "fix", "resolution", "remedy", "solution", "action", "mitigation");
    if (symptom < 0 || cause < 0 || fix < 0) {
      problems.add(new ParseProblem(SourceLines.firstLine(table),
          "troubleshooting table needs Symptom, Cause and Fix columns, found: "
              + String.join(", ", headers) + "; add the missing column"));
      return rows;
    }
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
        rows.add(new TroubleshootingRow(cell(cells, symptom), cell(cells, cause), cell(cells, fix), rowLine));
      }
    }
    return rows;
  }

  private static int column(List<String> headers, String... names) {
    for (int i = 0; i < headers.size(); i++) {
      for (String name : names) {
        if (headers.get(i).startsWith(name)) {
          return i;
        }
      }
    }
    return -1;
  }

  private static String cell(List<String> cells, int index) {
    return index < cells.size() ? cells.get(index) : "";
  }
}
