package dev.shepherd.export;

import dev.shepherd.audit.Acknowledgement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the exports write them: UTC, to the second, never localised. */
final class Stamps {
  private static final DateTimeFormatter READABLE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Stamps() {}

  static String readable(Instant instant) {
    return READABLE.format(instant);
  }

  static String iso(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  /** "forward step 2", "rollback step 1", or "" for a row of no step. */
  static String step(Acknowledgement ack) {
    return ack.position()
        .map(p -> ack.phase().map(ph -> ph.label() + " ").orElse("") + "step " + p)
        .orElse("");
  }
}
