package dev.shepherd.slack.command;

import dev.shepherd.format.Durations;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The {@code <when>} of {@code /rollout schedule}: {@code in 90m}, {@code in 2h}, or an ISO-8601
 * date-time, with a zone or offset or else in the configured time zone.
 */
final class ScheduleTime {
  static final String EXAMPLES =
      "write `in 90m`, `in 2h`, `2026-12-01T14:00Z`,"
          + " `2026-12-01T15:00+01:00` or `2026-12-01T14:00` (in %s)";

  private ScheduleTime() {}

  /** The instant, or empty when the text is none of the accepted shapes. */
  static Optional<Instant> parse(String text, ZoneId zone, Clock clock) {
    String when = text.strip();
    if (when.startsWith("in ")) {
      return Durations.parse(when.substring(3)).map(d -> clock.instant().plus(d));
    }
    String iso = when.replace(' ', 'T');
    try {
      return Optional.of(OffsetDateTime.parse(iso).toInstant());
    } catch (DateTimeException notOffset) {
      // try the next shape
    }
    try {
      return Optional.of(ZonedDateTime.parse(iso).toInstant());
    } catch (DateTimeException notZoned) {
      // try the next shape
    }
    try {
      return Optional.of(LocalDateTime.parse(iso).atZone(zone).toInstant());
    } catch (DateTimeException notLocal) {
      return Optional.empty();
    }
  }

  static String examples(ZoneId zone) {
    return String.format(EXAMPLES, zone.getId());
  }

  static Duration until(Instant at, Clock clock) {
    return Duration.between(clock.instant(), at);
  }
}
