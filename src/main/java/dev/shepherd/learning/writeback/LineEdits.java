package dev.shepherd.learning.writeback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A text as lines with their own endings, and lines to insert after some of them. Only inserts:
 * every original byte stays where it was, and new lines take the file's ending (CRLF stays CRLF).
 */
final class LineEdits {
  private final List<String> lines = new ArrayList<>();
  private final List<String> endings = new ArrayList<>();
  private final String eol;
  private final Map<Integer, List<Insert>> inserts = new TreeMap<>();

  /**
   * Lines to insert; {@code spaced} ones get a blank line before and after when a neighbour is not
   * blank.
   */
  private record Insert(List<String> lines, boolean spaced) {}

  LineEdits(String text) {
    int start = 0;
    int crlf = 0;
    int lf = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        int end = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
        lines.add(text.substring(start, i));
        endings.add(text.substring(i, end));
        if (end - i == 2) {
          crlf++;
        } else {
          lf++;
        }
        start = end;
        i = end - 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
      endings.add("");
    }
    eol = crlf > lf ? "\r\n" : "\n";
  }

  int count() {
    return lines.size();
  }

  /** Line {@code n} (1-based) without its ending; empty past the end. */
  String line(int n) {
    return n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
  }

  boolean blank(int n) {
    return line(n).isBlank();
  }

  /** Lines right after line {@code after} (0: at the top), as they are. */
  void insert(int after, List<String> text) {
    inserts
        .computeIfAbsent(clamp(after), k -> new ArrayList<>())
        .add(new Insert(List.copyOf(text), false));
  }

  /** A block after line {@code after}, set apart from its neighbours by blank lines. */
  void insertBlock(int after, List<String> text) {
    inserts
        .computeIfAbsent(clamp(after), k -> new ArrayList<>())
        .add(new Insert(List.copyOf(text), true));
  }

  private int clamp(int after) {
    return Math.max(0, Math.min(after, lines.size()));
  }

  String text() {
    StringBuilder out = new StringBuilder();
    boolean open = false;
    for (int n = 0; n <= lines.size(); n++) {
      if (n > 0) {
        out.append(lines.get(n - 1)).append(endings.get(n - 1));
        open = endings.get(n - 1).isEmpty();
      }
      List<Insert> here = inserts.get(n);
      if (here == null) {
        continue;
      }
      List<String> added = new ArrayList<>();
      String previous = n > 0 ? lines.get(n - 1) : "";
      for (int i = 0; i < here.size(); i++) {
        Insert insert = here.get(i);
        if (insert.spaced() && !previous.isBlank()) {
          added.add("");
        }
        added.addAll(insert.lines());
        previous =
            insert.lines().isEmpty() ? previous : insert.lines().get(insert.lines().size() - 1);
        boolean last = i == here.size() - 1;
        if (insert.spaced() && last && n < lines.size() && !lines.get(n).isBlank()) {
          added.add("");
        }
      }
      for (String line : added) {
        if (open) {
          // The file's last line had no ending: give it one, and leave the new last line without.
          out.append(eol).append(line);
        } else {
          out.append(line).append(eol);
        }
      }
    }
    return out.toString();
  }
}
