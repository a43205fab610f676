package dev.shepherd.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as messages show them: the one date pattern, {@code yyyy-MM-dd HH:mm UTC}. */
public final class Times {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Times() {}

  /** {@code 2026-11-30 08:00 UTC}. */
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
}
