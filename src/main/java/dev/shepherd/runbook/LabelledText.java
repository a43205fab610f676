package dev.shepherd.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a paragraph or list at bold labels that start a line ({@code **Expected output:**}, {@code
 * **Cause:**}…), the shape many teams use instead of sub-headings.
 */
final class LabelledText {
  private static final Pattern LABEL =
      Pattern.compile(
          // The name is greedy (it ends at the first * _ or : anyway), so the matcher never
          // backtracks
          // into it; Labels.part ignores the blanks it keeps.
          "^\\s*(?:[-*+]\\s+|\\d+[.)]\\s+)?(?:\\*\\*|__)\\s*([^*_:]+)\\s*"
              + "(?::\\s*(?:\\*\\*|__)|(?:\\*\\*|__)\\s*:)\\s?(.*)$");

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
      Matcher matcher =
          i == 0 && plainFirst
              ? PLAIN.matcher(lines[i])
              : mayHoldLabel(lines[i]) ? LABEL.matcher(lines[i]) : null;
      Optional<Labels.Part> label =
          matcher != null && matcher.matches() ? Labels.part(matcher.group(1)) : Optional.empty();
      if (label.isPresent()) {
        if (sawLabel || !current.toString().isBlank()) {
          segments.add(new Segment(part, current.toString().strip(), currentLine));
        }
        sawLabel = true;
        part = label;
        current = new StringBuilder(matcher.group(2));
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

  private static String firstLineOf(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  private static boolean mayHoldLabel(String text) {
    return text.contains("**") || text.contains("__");
  }
}
