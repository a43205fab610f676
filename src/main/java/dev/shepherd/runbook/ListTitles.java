package dev.shepherd.runbook;

/**
 * The title of a step written as a list item: the item's first line without bold or a trailing
 * colon, cut at the first sentence when it runs long.
 */
final class ListTitles {
  private static final int LONGEST = 160;

  private ListTitles() {}

  static String clean(String lead) {
    String text = lead.strip();
    while (text.endsWith(":") || text.endsWith(".")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    return text;
  }

  /** The title, or {@code Step N} for an item that starts with no text (a code block). */
  static String title(String lead, int number) {
    return title(lead, number, LONGEST);
  }

  /** The title, cut at {@code longest} characters. */
  static String title(String lead, int number, int longest) {
    String text = clean(lead);
    if (text.isEmpty()) {
      return "Step " + number;
    }
    if (text.length() <= longest) {
      return text;
    }
    int sentence = text.indexOf(". ");
    if (sentence > 0 && sentence <= longest) {
      return text.substring(0, sentence);
    }
    int space = text.lastIndexOf(' ', longest);
    return (space > 20 ? text.substring(0, space) : text.substring(0, longest)) + "…";
  }
}
