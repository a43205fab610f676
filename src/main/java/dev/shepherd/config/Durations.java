package dev.shepherd.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config and chat: {@code 30s}, {@code 15m}, {@code 24h}, {@code
 * 2d}.
 */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("^\\s*(\\d{1,6})\\s*([smhd])\\s*$");

  private Durations() {}

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

  /**
   * The shortest way to write it back: {@code 90m} stays {@code 90m}, {@code 3600s} is {@code 1h}.
   */
  public static String format(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds % 86_400 == 0 && seconds > 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3_600 == 0 && seconds > 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds % 60 == 0 && seconds > 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
