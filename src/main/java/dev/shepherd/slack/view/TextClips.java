package dev.shepherd.slack.view;

/** Cutting text to a length without breaking what Slack parses: entities, links, surrogates. */
final class TextClips {
  static final String ELLIPSIS = "…";

  /** The longest {@code <…>} we avoid cutting through; longer ones are cut anyway. */
  private static final int LONGEST_TOKEN = 400;

  private TextClips() {}

  /** Plain text of at most {@code max} characters, ending with {@code …} when cut. */
  static String clipPlain(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = max - ELLIPSIS.length();
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut) + ELLIPSIS;
  }

  /** Escaped mrkdwn of at most {@code max} characters, ending with {@code …} when cut. */
  static String clip(String mrkdwn, int max) {
    if (mrkdwn.length() <= max) {
      return mrkdwn;
    }
    String kept =
        mrkdwn.substring(
            0, safeCut(mrkdwn, max - ELLIPSIS.length() - TextChunks.FENCE.length() - 1));
    return TextChunks.balanced(kept) ? kept + ELLIPSIS : kept + ELLIPSIS + "\n" + TextChunks.FENCE;
  }

  /** Where to cut a text of more than {@code max} characters so no token is split. */
  static int safeCut(String text, int max) {
    int cut = Math.min(max, text.length());
    int amp = text.lastIndexOf('&', cut - 1);
    if (amp >= 0 && amp > cut - 6 && text.indexOf(';', amp) >= cut) {
      cut = amp;
    }
    int open = text.lastIndexOf('<', cut - 1);
    if (open >= 0
        && open > cut - LONGEST_TOKEN
        && text.lastIndexOf('>', cut - 1) < open
        && text.indexOf('>', open) >= cut) {
      cut = open;
    }
    if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return cut <= 0 ? Math.min(max, text.length()) : cut;
  }
}
