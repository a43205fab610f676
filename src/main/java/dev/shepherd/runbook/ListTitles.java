package dev.shepherd.runbook;

/**
 * The title of a step written as a list item: the item's first line without bold or a trailing
 * colon, cut at the first sentence when it runs long.
 */
final class ListTitles {
  private static final int LONGEST = 80;

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
    String text = clean(lead);
    if (text.isEmpty()) {
      return "Step " + number;
    }
    if (text.length() <= LONGEST) {
      return text;
    }
    int sentence = text.indexOf(". ");
    if (sentence > 0 && sentence <= LONGEST) {
      return text.substring(0, sentence);
    }
    int space = text.lastIndexOf(' ', LONGEST);
    return (space > 20 ? text.substring(0, space) : text.substring(0, LONGEST)) + "…";
  }
}
