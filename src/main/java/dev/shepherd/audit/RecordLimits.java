package dev.shepherd.audit;

import java.util.Optional;

/**
 * How long a text the record keeps may be (its columns' sizes): input past them is refused at the
 * engine's door with the limit named, and the refused attempt is recorded with its text clipped.
 */
public final class RecordLimits {
  /** A partition's name, a user's id. */
  public static final int NAME = 40;

  /** A reason: a freeze's, a skip's, an override's. */
  public static final int REASON = 2000;

  /** What a row of the record says about itself. */
  public static final int DETAIL = 4000;

  /** An idempotency key (Slack's trigger or action ids). */
  public static final int KEY = 255;

  private RecordLimits() {}

  /** The text cut to a limit, for recording an attempt that was refused for its length. */
  public static String clip(String text, int limit) {
    return text.length() <= limit ? text : text.substring(0, limit);
  }

  /**
   * What to say when a text is past its limit ({@code "a freeze reason has at most 2000 characters
   * (this one has 2100): shorten it"}), or empty.
   */
  public static Optional<String> tooLong(String what, String text, int limit) {
    if (text == null || text.length() <= limit) {
      return Optional.empty();
    }
    return Optional.of(
        what
            + " has at most "
            + limit
            + " characters (this one has "
            + text.length()
            + "): shorten it");
  }
}
