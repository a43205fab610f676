package dev.shepherd.runbook;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.BlockQuote;

/** Recognises warning callouts: {@code > **Warning:** …}, {@code > Caution: …}, {@code > [!WARNING]}. */
final class Callouts {
  private static final Pattern LABEL = Pattern.compile(
      "^\\s*(?:\\*\\*|__)?\\s*(\\[!(?:WARNING|CAUTION|DANGER)\\]|(?:warning|caution|danger)\\b)"
          + "\\s*(?:\\*\\*|__)?\\s*[:!]?\\s*(?:\\*\\*|__)?\\s*[:!]?\\s*",
      Pattern.CASE_INSENSITIVE);

  private Callouts() {}

  static Optional<Warning> warning(BlockQuote quote, SourceLines source) {
    String raw = source.blockText(quote);
    StringBuilder text = new StringBuilder();
    for (String line : raw.split("\n", -1)) {
      String stripped = line.stripLeading();
      if (stripped.startsWith(">")) {
        stripped = stripped.substring(1);
        if (stripped.startsWith(" ")) {
          stripped = stripped.substring(1);
        }
      }
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(stripped);
    }
    Matcher matcher = LABEL.matcher(text);
    if (!matcher.find()) {
      return Optional.empty();
    }
    String body = text.substring(matcher.end()).strip();
    return Optional.of(new Warning(body, SourceLines.firstLine(quote)));
  }
}
