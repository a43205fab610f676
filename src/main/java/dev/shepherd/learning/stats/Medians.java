package dev.shepherd.learning.stats;

import java.time.Duration;
import java.util.List;

/** Medians of durations, and durations as people read them. */
public final class Medians {
  private Medians() {}

  /** The median; of an even count, the mean of the middle two. */
  public static Duration of(List<Duration> durations) {
    if (durations.isEmpty()) {
      throw new IllegalArgumentException("no durations to take the median of");
    }
    List<Duration> sorted = durations.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
  }

  /** {@code 42s}, {@code 4m 05s}, {@code 1h 02m}. */
  public static String words(Duration duration) {
    long seconds = Math.max(duration.getSeconds(), 0);
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format("%dm %02ds", seconds / 60, seconds % 60);
    }
    return String.format("%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
  }
}
