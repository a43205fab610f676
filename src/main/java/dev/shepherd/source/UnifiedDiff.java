package dev.shepherd.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * A change to one file as the unified diff {@code git apply} takes, with git's headers, written by
 * JGit's formatter (histogram diff, three lines of context). Line endings are content: a CRLF file
 * gets a CRLF diff body, and a missing final newline is marked as git marks it.
 */
public final class UnifiedDiff {
  private static final DiffAlgorithm ALGORITHM = new HistogramDiff();

  private UnifiedDiff() {}

  /**
   * @param path the file's path in the repository, without {@code a/} or {@code b/}
   * @return the diff, or empty text when nothing changed
   */
  public static String of(String path, String before, String after) {
    Objects.requireNonNull(path, "path");
    if (path.isBlank() || path.startsWith("/")) {
      throw new IllegalArgumentException(
          "a diff names a path in the repository, not \"" + path + "\"");
    }
    RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
    RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
    EditList edits = ALGORITHM.diff(RawTextComparator.DEFAULT, a, b);
    if (edits.isEmpty()) {
      return "";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String header =
        "diff --git "
            + quoted("a/" + path)
            + " "
            + quoted("b/" + path)
            + "\n"
            + "--- "
            + quoted("a/" + path)
            + "\n"
            + "+++ "
            + quoted("b/" + path)
            + "\n";
    try (DiffFormatter formatter = new DiffFormatter(out)) {
      out.write(header.getBytes(StandardCharsets.UTF_8));
      formatter.format(edits, a, b);
      formatter.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * A path as git writes it: in C quotes when it holds a quote, a backslash or a control character.
   */
  static String quoted(String path) {
    if (path.chars().noneMatch(c -> c == '"' || c == '\\' || c < 0x20 || c == 0x7f)) {
      return path;
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : path.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default ->
            out.append(
                c < 0x20 || c == 0x7f ? String.format("\\%03o", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}
