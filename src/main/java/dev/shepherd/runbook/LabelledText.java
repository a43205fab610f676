package dev.shepherd.runbook;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a paragraph or list at bold labels that start a line ({@code **Expected output:**}, {@code
 * **Cause:**}…), the shape many teams use instead of sub-headings.
 */
final class LabelledText {
  /**
   * A label without bold, only as a paragraph's first words ("Rollback: put the old key back"), and
   * only for the part names that cannot be ordinary prose openings.
   */
  private static final Pattern PLAIN =
      Pattern.compile(
          "^\\s*(rollback|roll back|revert|undo|verify|verification|expected output|expected result"
              + "|troubleshooting|if it fails|if this fails|cleanup|clean up)\\s*:\\s?(.*)$",
          Pattern.CASE_INSENSITIVE);

  private LabelledText() {}

  /** A run of text after a label (or before the first one, with no part). */
  record Segment(Optional<Labels.Part> part, String text, int line) {}

  /** The segments, or an empty list when no line starts with a label Shepherd knows. */
  static List<Segment> split(String text, int firstLine) {
    // A label is bold: a block without ** or __ has none (most blocks), so skip the pattern.
    boolean plainFirst = PLAIN.matcher(firstLineOf(text)).matches();
    if (!mayHoldLabel(text) && !plainFirst) {
      return List.of();
    }
    String[] lines = text.split("\n", -1);
    List<Segment> segments = new ArrayList<>();
    Optional<Labels.Part> part = Optional.empty();
    StringBuilder current = new StringBuilder();
    int currentLine = firstLine;
    boolean sawLabel = false;
    for (int i = 0; i < lines.length; i++) {
      String[] found = null;
      if (i == 0 && plainFirst) {
        Matcher matcher = PLAIN.matcher(lines[i]);
        if (matcher.matches()) {
          found = new String[] {matcher.group(1), matcher.group(2)};
        }
      } else if (mayHoldLabel(lines[i])) {
        found = boldLabel(lines[i]);
      }
      Optional<Labels.Part> label = found != null ? Labels.part(found[0]) : Optional.empty();
      if (label.isPresent()) {
        if (sawLabel || !current.toString().isBlank()) {
          segments.add(new Segment(part, current.toString().strip(), currentLine));
        }
        sawLabel = true;
        part = label;
        current = new StringBuilder(found[1]);
        currentLine = firstLine + i;
      } else {
        if (current.length() == 0 && lines[i].isBlank()) {
          currentLine = firstLine + i + 1;
          continue;
        }
        if (current.length() == 0) {
          currentLine = firstLine + i;
        } else {
          current.append('\n');
        }
        current.append(lines[i].strip());
      }
    }
    if (!sawLabel) {
      return List.of();
    }
    segments.add(new Segment(part, current.toString().strip(), currentLine));
    return segments;
  }

  /**
   * A bold label at the start of a line ({@code **Cause:** …}, {@code - __Fix__: …}, {@code 2.
   * **Verify:**}): its name and the text after it, or null. Scanned by hand, in one pass: the
   * pattern it replaces backtracked over runs of blanks.
   */
  static String[] boldLabel(String line) {
    int i = skipBlanks(line, 0);
    if (i < line.length()
        && "-*+".indexOf(line.charAt(i)) >= 0
        && i + 1 < line.length()
        && Character.isWhitespace(line.charAt(i + 1))) {
      i = skipBlanks(line, i + 1);
    } else {
      int digits = i;
      while (digits < line.length() && Character.isDigit(line.charAt(digits))) {
        digits++;
      }
      if (digits > i
          && digits + 1 < line.length()
          && (line.charAt(digits) == '.' || line.charAt(digits) == ')')
          && Character.isWhitespace(line.charAt(digits + 1))) {
        i = skipBlanks(line, digits + 1);
      }
    }
    if (!line.startsWith("**", i) && !line.startsWith("__", i)) {
      return null;
    }
    int start = i + 2;
    int end = start;
    while (end < line.length() && "*_:".indexOf(line.charAt(end)) < 0) {
      end++;
    }
    if (end == start || end >= line.length()) {
      return null;
    }
    int after;
    if (line.charAt(end) == ':') {
      int bold = skipBlanks(line, end + 1);
      if (!line.startsWith("**", bold) && !line.startsWith("__", bold)) {
        return null;
      }
      after = bold + 2;
    } else {
      if (!line.startsWith("**", end) && !line.startsWith("__", end)) {
        return null;
      }
      int colon = skipBlanks(line, end + 2);
      if (colon >= line.length() || line.charAt(colon) != ':') {
        return null;
      }
      after = colon + 1;
    }
    if (after < line.length() && Character.isWhitespace(line.charAt(after))) {
      after++;
    }
    return new String[] {line.substring(start, end), line.substring(after)};
  }

  private static int skipBlanks(String line, int from) {
    int i = from;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String firstLineOf(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  private static boolean mayHoldLabel(String text) {
    return text.contains("**") || text.contains("__");
  }
}
