package dev.shepherd.slack.view;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Cuts mrkdwn into pieces Slack accepts: at line boundaries, closing a code fence at the end of a
 * piece and reopening it at the start of the next, so every piece renders on its own.
 */
final class TextChunks {
  static final String FENCE = "```";

  /** A closing fence ({@code \n```}) or an opening one ({@code ```\n}). */
  private static final int FENCE_COST = FENCE.length() + 1;

  private TextChunks() {}

  /** Pieces of at most {@code max} characters each, none blank. */
  static List<String> split(String mrkdwn, int max) {
    if (max < 4 * FENCE_COST) {
      throw new IllegalArgumentException("pieces of " + max + " characters are too small");
    }
    List<String> pieces = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inFence = false;
    for (String line : mrkdwn.split("\n", -1)) {
      List<String> parts = longLine(line, max - 2 * FENCE_COST);
      for (int i = 0; i < parts.size(); i++) {
        String part = parts.get(i);
        boolean fenceAfter = inFence ^ isFence(part);
        int added = (current.length() == 0 ? 0 : 1) + part.length();
        int closing = fenceAfter ? FENCE_COST : 0;
        // the rest of a cut line starts a piece of its own: a newline would change the line
        boolean continuation = i > 0;
        if (current.length() > 0 && (continuation || current.length() + added + closing > max)) {
          if (inFence) {
            current.append('\n').append(FENCE);
          }
          add(pieces, current);
          current = new StringBuilder(inFence ? FENCE : "");
        }
        if (current.length() > 0) {
          current.append('\n');
        }
        current.append(part);
        inFence = fenceAfter;
      }
    }
    if (inFence) {
      current.append('\n').append(FENCE);
    }
    add(pieces, current);
    return pieces;
  }

  /**
   * The text cut to at most {@code max} characters at a line boundary, fences balanced, ending with
   * {@code … see <pointer>} when anything was left out; {@code lineOf} maps a 0-based line of the
   * text to the file line it came from, for the pointer.
   */
  static String truncate(String mrkdwn, int max, IntFunction<String> pointer) {
    if (mrkdwn.length() <= max) {
      return mrkdwn;
    }
    String[] lines = mrkdwn.split("\n", -1);
    StringBuilder kept = new StringBuilder();
    boolean inFence = false;
    int line = 0;
    for (; line < lines.length; line++) {
      String note = note(pointer.apply(line));
      boolean fenceAfter = inFence ^ isFence(lines[line]);
      int needed =
          kept.length()
              + (kept.length() == 0 ? 0 : 1)
              + lines[line].length()
              + (fenceAfter ? FENCE_COST : 0)
              + 1
              + note.length();
      if (needed > max) {
        break;
      }
      if (kept.length() > 0) {
        kept.append('\n');
      }
      kept.append(lines[line]);
      inFence = fenceAfter;
    }
    if (inFence) {
      int opener = kept.lastIndexOf("\n");
      if (isFence(kept.substring(opener + 1))) {
        kept.setLength(Math.max(opener, 0)); // an empty code block says nothing
        line--;
      } else {
        kept.append('\n').append(FENCE);
      }
    }
    String note = note(pointer.apply(line));
    String text = (kept.length() == 0 ? "" : kept + "\n") + note;
    return text.length() <= max ? text : TextClips.clip(text, max);
  }

  private static String note(String pointer) {
    return "… see " + pointer;
  }

  static boolean isFence(String line) {
    return line.strip().startsWith(FENCE);
  }

  /** Whether every fence a text opens is closed again. */
  static boolean balanced(String mrkdwn) {
    boolean inFence = false;
    for (String line : mrkdwn.split("\n", -1)) {
      inFence ^= isFence(line);
    }
    return !inFence;
  }

  private static void add(List<String> pieces, StringBuilder piece) {
    String text = trimBlankLines(piece.toString());
    if (!text.isBlank() && !text.equals(FENCE + "\n" + FENCE)) {
      pieces.add(text);
    }
  }

  private static String trimBlankLines(String text) {
    int start = 0;
    int newline;
    while ((newline = text.indexOf('\n', start)) >= 0 && text.substring(start, newline).isBlank()) {
      start = newline + 1;
    }
    int end = text.length();
    int last;
    while ((last = text.lastIndexOf('\n', end - 1)) >= start
        && text.substring(last + 1, end).isBlank()) {
      end = last;
    }
    return text.substring(start, end);
  }

  /** A line too long for any piece, cut where no entity or {@code <…>} is split. */
  private static List<String> longLine(String line, int max) {
    if (line.length() <= max) {
      return List.of(line);
    }
    List<String> parts = new ArrayList<>();
    String rest = line;
    while (rest.length() > max) {
      int cut = TextClips.safeCut(rest, max);
      parts.add(rest.substring(0, cut));
      rest = rest.substring(cut);
    }
    parts.add(rest);
    return parts;
  }
}
