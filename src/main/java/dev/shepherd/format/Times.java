package dev.shepherd.format;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times and durations as messages show them. */
public final class Times {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Times() {}

  public static String format(Instant instant) {
    return FORMAT.format(instant);
  }

  /** {@code Mon 2026-11-30 09:00 Europe/Berlin (2026-11-30 08:00 UTC)}; plain UTC in UTC. */
  public static String format(Instant instant, ZoneId zone) {
    if (zone.normalized().equals(ZoneOffset.UTC)) {
      return LOCAL.withZone(ZoneOffset.UTC).format(instant) + " UTC";
    }
    return LOCAL.withZone(zone).format(instant) + " " + zone.getId() + " (" + format(instant) + ")";
  }

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);

  /** {@code 1h}, {@code 1h 30m}, {@code 45m}, {@code 90s}: as a config would write it. */
  public static String compact(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds % 60 != 0 || seconds < 60) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + "m";
    }
    return minutes / 60 + "h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + "m");
  }

  public static String format(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m " + seconds % 60 + "s";
    }
    return seconds / 3600 + "h " + (seconds % 3600) / 60 + "m";
  }
}
