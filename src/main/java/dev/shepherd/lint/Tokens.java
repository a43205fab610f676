package dev.shepherd.lint;

/**
 * Whole-token matching for partition values. Letters, digits, {@code -} and {@code _} are token
 * characters, and so is {@code .} between two of them: {@code us-east-22} and {@code
 * us-east-2.internal} are other tokens, while {@code op://Arda-DevOAM/x}, {@code
 * arn:aws:iam::111111111111:root} and the end of a sentence ({@code us-east-2.}) are boundaries.
 */
final class Tokens {
  private Tokens() {}

  /** Whether {@code value} occurs in {@code text} as a whole token. */
  static boolean contains(String text, String value) {
    if (value.isEmpty()) {
      return false;
    }
    for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
      if (startsToken(text, at, value) && endsToken(text, at + value.length(), value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsToken(String text, int start, String value) {
    return !isWordChar(value.charAt(0)) || start == 0 || !joins(text, start - 1);
  }

  private static boolean endsToken(String text, int end, String value) {
    return !isWordChar(value.charAt(value.length() - 1))
        || end == text.length()
        || !joins(text, end);
  }

  /** Whether the character at {@code i} belongs to the token next to it. */
  private static boolean joins(String text, int i) {
    char c = text.charAt(i);
    if (c == '.') {
      return i > 0
          && i + 1 < text.length()
          && isWordChar(text.charAt(i - 1))
          && isWordChar(text.charAt(i + 1));
    }
    return isWordChar(c);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_';
  }
}
