package dev.shepherd.lint;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/** One lint problem: where, how bad, and a message that says what to fix. */
public record Problem(String path, int line, Severity severity, String message)
    implements Comparable<Problem> {

  public enum Severity {
    ERROR,
    WARNING,
    /** Worth knowing, never a failure, not even with {@code --strict}. */
    NOTE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Comparator<Problem> ORDER =
      Comparator.comparing(Problem::path)
          .thenComparingInt(Problem::line)
          .thenComparing(Problem::severity)
          .thenComparing(Problem::message);

  public Problem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  public static Problem error(String path, int line, String message) {
    return new Problem(path, line, Severity.ERROR, message);
  }

  public static Problem warning(String path, int line, String message) {
    return new Problem(path, line, Severity.WARNING, message);
  }

  public static Problem note(String path, int line, String message) {
    return new Problem(path, line, Severity.NOTE, message);
  }

  /** {@code path:line: error: message}, the format editors and CI logs understand. */
  @Override
  public String toString() {
    return path + ":" + line + ": " + severity.label() + ": " + message;
  }

  @Override
  public int compareTo(Problem other) {
    return ORDER.compare(this, other);
  }
}
