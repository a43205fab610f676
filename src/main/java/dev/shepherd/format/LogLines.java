package dev.shepherd.format;

/**
 * Text from a request or a runbook made safe to put in a log line: it cannot start a line of its
 * own or hide what follows it. Every log call that includes such text passes it through {@link
 * #escaped}; the escaping is reversible, so nothing is lost.
 */
public final class LogLines {
  private LogLines() {}

  /**
   * {@code text} with a backslash doubled, CR, LF and TAB written {@code \r}, {@code \n}, {@code
   * \t}, and every other control character (C0, DEL, C1), the line and paragraph separators
   * (U+2028, U+2029) and the bidirectional overrides written as {@code \}{@code uXXXX}; {@code
   * "null"} for null.
   */
  public static String escaped(Object text) {
    if (text == null) {
      return "null";
    }
    String s = text.toString();
    if (s.chars().noneMatch(LogLines::needsEscape)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (needsEscape(c)) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static boolean needsEscape(int c) {
    return c == '\\'
        || c < 0x20
        || (c >= 0x7F && c <= 0x9F)
        || c == 0x2028
        || c == 0x2029
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }
}
