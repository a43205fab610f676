package dev.shepherd.lint;

import java.util.Comparator;
import java.util.Objects;

/** One lint finding: where, how bad, and a message that says what to fix. */
public record Finding(String path, int line, Severity severity, String message)
    implements Comparable<Finding> {

  public enum Severity {
    ERROR,
    WARNING,
    /** Worth knowing, never a failure, not even with {@code --strict}. */
    NOTE;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::path)
          .thenComparingInt(Finding::line)
          .thenComparing(Finding::severity)
          .thenComparing(Finding::message);

  public Finding {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  public static Finding error(String path, int line, String message) {
    return new Finding(path, line, Severity.ERROR, message);
  }

  public static Finding warning(String path, int line, String message) {
    return new Finding(path, line, Severity.WARNING, message);
  }

  public static Finding note(String path, int line, String message) {
    return new Finding(path, line, Severity.NOTE, message);
  }

  /** {@code path:line: error: message}, the format editors and CI logs understand. */
  @Override
  public String toString() {
    return path + ":" + line + ": " + severity.label() + ": " + message;
  }

  @Override
  public int compareTo(Finding other) {
    return ORDER.compare(this, other);
  }
}
