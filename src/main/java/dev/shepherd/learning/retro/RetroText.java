package dev.shepherd.learning.retro;

import dev.shepherd.learning.stats.Medians;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How a retrospective writes times, durations and what people typed: UTC, one duration format
 * everywhere ({@code 45s}, {@code 4m 05s}, {@code 1h 02m}), and text kept on one line where a table
 * cell or a list item needs it.
 */
public final class RetroText {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter FULL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private RetroText() {}

  public static String duration(Duration duration) {
    return Medians.words(duration);
  }

  static String day(Instant at) {
    return DAY.format(at);
  }

  static String minute(Instant at) {
    return MINUTE.format(at);
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
