package dev.shepherd.learning.stats;

import java.time.Duration;
import java.util.List;

/** Medians of durations. */
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
}
