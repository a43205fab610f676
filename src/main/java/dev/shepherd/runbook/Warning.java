package dev.shepherd.runbook;

import java.util.Objects;

/**
 * A callout the operator must see before acting: a GitHub alert, a Warning/Caution/Danger/Important
 * label, a leading ⚠️, or a docs-site admonition.
 *
 * @param level how loud it is
 */
public record Warning(String text, int line, Level level) {
  /** Loudness, quietest first: GitHub's five alerts ({@code Danger} counts as caution). */
  public enum Level {
    NOTE,
    TIP,
    IMPORTANT,
    WARNING,
    CAUTION
  }

  public Warning {
    Objects.requireNonNull(level, "level");
  }

  /** A plain warning, the loudness of {@code > **Warning:**}. */
  public Warning(String text, int line) {
    this(text, line, Level.WARNING);
  }
}
