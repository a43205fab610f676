package dev.shepherd.format;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations, the one way every message, export and retrospective writes them ({@code 45s}, {@code
 * 3m 12s}, {@code 1h 2m}), and as people write them in config and chat ({@code 30s}, {@code 15m},
 * {@code 24h}, {@code 2d}).
 */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("^\\s*(\\d{1,6})\\s*([smhd])\\s*$");

  private Durations() {}

  /** {@code 30s}, {@code 15m}, {@code 24h} or {@code 2d}; empty for anything else. */
  public static Optional<Duration> parse(String text) {
    Matcher matcher = DURATION.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(matcher.group(1));
    return Optional.of(
        switch (matcher.group(2)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        });
  }

  /** {@code 45s}, {@code 3m 12s}, {@code 1h 2m}; a negative duration reads {@code 0s}. */
  public static String format(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m " + seconds % 60 + "s";
    }
    return seconds / 3600 + "h " + (seconds % 3600) / 60 + "m";
  }

  /**
   * In the largest unit that holds it whole ({@code 2d}, {@code 36h}, {@code 90m}, {@code 45s}),
   * the way {@link #parse} reads it: for messages that echo a setting back to the person who wrote
   * it.
   */
  public static String formatAsWritten(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    if (seconds > 0 && seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds > 0 && seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds > 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  /**
   * As {@link #format}, keeping the seconds past an hour ({@code 1h 2m 3s}): for the record, where
   * a reviewer may add durations up.
   */
  public static String formatExact(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    return seconds < 3600 ? format(duration) : format(duration) + " " + seconds % 60 + "s";
  }
}
