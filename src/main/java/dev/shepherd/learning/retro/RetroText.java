package dev.shepherd.learning.retro;

import dev.shepherd.format.Times;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How a retrospective writes times and what people typed: UTC (durations are {@link
 * dev.shepherd.format.Durations}'), and text kept on one line where a table cell or a list item
 * needs it.
 */
public final class RetroText {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter FULL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private RetroText() {}

  static String day(Instant at) {
    return DAY.format(at);
  }

  static String minute(Instant at) {
    return Times.format(at);
  }

  /** The time of day, with its date when it is not the rollout's first day. */
  static String time(Instant at, Instant dayOf) {
    return day(at).equals(day(dayOf)) ? CLOCK.format(at) : FULL.format(at);
  }

  /** What someone typed, on one line. */
  static String line(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  /** What someone typed, as a table cell. */
  static String cell(String text) {
    return line(text).replace("|", "\\|");
  }

  /** What someone saw, as one code span, whatever backticks they typed. */
  static String code(String symptom) {
    return "`" + line(symptom.replace("`", "")) + "`";
  }

  static String capital(String text) {
    return text.isEmpty()
        ? text
        : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
  }

  static String times(int count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }
}
