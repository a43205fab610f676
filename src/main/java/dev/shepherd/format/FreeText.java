package dev.shepherd.format;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Text a person wrote (a reason, a note, a symptom, a fix) made inert before it is shown among
 * Shepherd's own words: what looks like a mention or a broadcast ({@code @U0ALICE}, {@code @here},
 * {@code #C0DEPLOYS}, {@code @channel}) gets a WORD JOINER (U+2060) after its {@code @} or {@code
 * #}, so neither Slack's {@code link_names} nor Shepherd's own mention step ({@code
 * Mrkdwn.mentions}) can make it one. A reader sees the same characters. {@code <}, {@code >} and
 * {@code &} are left for the chat adapter's escaping, which turns {@code <!channel>} and {@code
 * <@U…>} into text.
 */
public final class FreeText {
  /** Invisible, and not a word boundary: {@code @\u2060U0ALICE} reads as typed. */
  public static final char JOINER = '\u2060';

  private static final Pattern MENTION_LIKE = Pattern.compile("([@#])(?=[\\p{L}\\p{N}_])");

  private FreeText() {}

  /** {@code text} with every {@code @} or {@code #} before a letter, digit or {@code _} inert. */
  public static String inert(String text) {
    Objects.requireNonNull(text, "text");
    if (text.indexOf('@') < 0 && text.indexOf('#') < 0) {
      return text;
    }
    return MENTION_LIKE.matcher(text).replaceAll("$1" + JOINER);
  }
}
