package dev.shepherd.runbook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;

/**
 * The lines of a runbook file, for cutting out the exact source text of a parsed node. {@link
 * #split} is public: lint reads a runbook line by line the same way.
 */
public final class SourceLines {
  private final String[] lines;

  SourceLines(String text) {
    this.lines = split(text);
  }

  /**
   * The lines of a text ending in {@code \r\n}, {@code \r} or {@code \n}, as {@code
   * text.split("\r\n|\r|\n", -1)} gives them, without a regular expression: this runs on every
   * runbook read.
   */
  public static String[] split(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    lines.add(text.substring(start));
    return lines.toArray(String[]::new);
  }

  int count() {
    return lines.length;
  }

  String line(int oneBased) {
    return lines[oneBased - 1];
  }

  /** The file line (1-based) where a node starts, 0 when commonmark gave it no span. */
  static int firstLine(Node node) {
    List<SourceSpan> spans = node.getSourceSpans();
    return spans.isEmpty() ? 0 : spans.get(0).getLineIndex() + 1;
  }

  static int lastLine(Node node) {
    List<SourceSpan> spans = node.getSourceSpans();
    return spans.isEmpty() ? 0 : spans.get(spans.size() - 1).getLineIndex() + 1;
  }

  /** The whole lines a block spans, as written. */
  String blockText(Node block) {
    int first = firstLine(block);
    int last = lastLine(block);
    if (first == 0) {
      return "";
    }
    return String.join("\n", Arrays.asList(lines).subList(first - 1, last));
  }

  /** The text of a block from a column of its first line to its end (what follows a label). */
  String textFrom(Node block, int line, int column) {
    int last = lastLine(block);
    StringBuilder text =
        new StringBuilder(lines[line - 1].substring(Math.min(column, lines[line - 1].length())));
    for (int i = line + 1; i <= last; i++) {
      text.append('\n').append(lines[i - 1]);
    }
    return text.toString();
  }
}
