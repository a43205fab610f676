package dev.shepherd.partition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Days when nothing starts (a holiday, an earnings freeze), whole days in a zone.
 *
 * @param from the first day of the blackout
 * @param to the last day, inclusive
 * @param zone whose midnight begins and ends it
 * @param reason why, shown on every refusal it causes
 */
public record Blackout(LocalDate from, LocalDate to, ZoneId zone, String reason) {
  public Blackout {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(reason, "reason");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "blackout " + reason + " ends (" + to + ") before it begins (" + from + ")");
    }
  }

  public Instant begins() {
    return from.atStartOfDay(zone).toInstant();
  }

  /** The first instant after the blackout. */
  public Instant ends() {
    return to.plusDays(1).atStartOfDay(zone).toInstant();
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(begins()) && instant.isBefore(ends());
  }

  /** As messages show it: {@code 2026-12-24..2026-12-26 Europe/Berlin (holidays)}. */
  public String describe() {
    return (from.equals(to) ? from.toString() : from + ".." + to)
        + " "
        + zone.getId()
        + " ("
        + reason
        + ")";
  }
}
