package dev.shepherd.partition;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When starts are welcome, as the team writes it: {@code Mon-Thu 09:00-16:00 Europe/Berlin}. The
 * hours are wall-clock hours in the window's own zone, so a window keeps its local hours across a
 * daylight-saving change (its UTC hours move instead).
 *
 * @param days the days of the week a window opens (in its zone)
 * @param opens the local time it opens, inclusive
 * @param closes the local time it closes, exclusive; later than {@code opens}
 * @param text the window as written, for messages
 */
public record DeployWindow(
    Set<DayOfWeek> days, LocalTime opens, LocalTime closes, ZoneId zone, String text) {
  private static final Pattern SHAPE =
      Pattern.compile(
          "(?<days>[A-Za-z]{3}(?:-[A-Za-z]{3})?(?:,[A-Za-z]{3}(?:-[A-Za-z]{3})?)*)\\s+"
              + "(?<opens>\\d{2}:\\d{2})-(?<closes>\\d{2}:\\d{2})\\s+(?<zone>\\S+)");
  private static final List<String> DAY_NAMES =
      List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  public static final String EXAMPLE = "Mon-Thu 09:00-16:00 Europe/Berlin";

  public DeployWindow {
    days = Set.copyOf(days);
    Objects.requireNonNull(zone, "zone");
    if (!closes.isAfter(opens)) {
      throw new IllegalArgumentException("window " + text + " closes before it opens");
    }
  }

  /**
   * Reads a window.
   *
   * @throws IllegalArgumentException saying what to fix, for the config reader to place
   */
  public static DeployWindow parse(String text) {
    Matcher matcher = SHAPE.matcher(text.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "window \"" + text + "\" is not days, hours and a time" + " zone: write " + EXAMPLE);
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String range : matcher.group("days").split(",")) {
      String[] ends = range.split("-");
      int from = day(ends[0], text);
      int to = ends.length == 2 ? day(ends[1], text) : from;
      for (int d = from; ; d = (d + 1) % 7) {
        days.add(DayOfWeek.of(d + 1));
        if (d == to) {
          break;
        }
      }
    }
    LocalTime opens = time(matcher.group("opens"), text);
    LocalTime closes =
        "24:00".equals(matcher.group("closes"))
            ? LocalTime.MAX
            : time(matcher.group("closes"), text);
    ZoneId zone;
    try {
      zone = ZoneId.of(matcher.group("zone"));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "window \""
              + text
              + "\": \""
              + matcher.group("zone")
              + "\" is not a time zone: write UTC or Europe/Berlin",
          e);
    }
    if (!closes.isAfter(opens)) {
      throw new IllegalArgumentException(
          "window \""
              + text
              + "\" closes at or before it opens:"
              + " write the earlier time first, as in "
              + EXAMPLE);
    }
    return new DeployWindow(days, opens, closes, zone, text.strip());
  }

  private static int day(String name, String text) {
    int index = DAY_NAMES.indexOf(name.toLowerCase(Locale.ROOT));
    if (index < 0) {
      throw new IllegalArgumentException(
          "window \""
              + text
              + "\": \""
              + name
              + "\" is not a day:"
              + " write Mon, Tue, Wed, Thu, Fri, Sat or Sun");
    }
    return index;
  }

  private static LocalTime time(String hhmm, String text) {
    try {
      return LocalTime.parse(hhmm);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "window \"" + text + "\": \"" + hhmm + "\" is not a time of day: write 09:00", e);
    }
  }

  /** Whether the window is open at this instant. */
  public boolean contains(Instant instant) {
    ZonedDateTime local = instant.atZone(zone);
    LocalTime time = local.toLocalTime();
    return days.contains(local.getDayOfWeek()) && !time.isBefore(opens) && time.isBefore(closes);
  }

  /** The first instant at or after this one when the window is open (within two weeks). */
  public Optional<Instant> nextOpening(Instant from) {
    if (contains(from)) {
      return Optional.of(from);
    }
    LocalDate day = from.atZone(zone).toLocalDate();
    for (int i = 0; i < 15; i++, day = day.plusDays(1)) {
      if (!days.contains(day.getDayOfWeek())) {
        continue;
      }
      // atZone moves a time that a spring-forward gap skips to just after the gap.
      Instant opening = day.atTime(opens).atZone(zone).toInstant();
      if (!opening.isBefore(from)) {
        return Optional.of(opening);
      }
    }
    return Optional.empty();
  }

  /** The first instant after {@code from} (which is in the window) when it closes. */
  public Instant closing(Instant from) {
    ZonedDateTime local = from.atZone(zone);
    return closes.equals(LocalTime.MAX)
        ? local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant()
        : local.toLocalDate().atTime(closes).atZone(zone).toInstant();
  }
}
