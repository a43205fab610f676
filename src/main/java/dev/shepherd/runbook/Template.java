package dev.shepherd.runbook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{name}}} placeholders in runbook text. {@code \{{} writes a literal {@code {{}. An
 * undefined name is left as written and reported, so nothing renders half-filled silently.
 */
public final class Template {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("(\\\\)?\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*}}");
  private static final Pattern ESCAPED_BRACES = Pattern.compile("\\\\\\{\\{");

  private Template() {}

  /** A name used in a text, with the line offset (0 = the text's first line) it appears on. */
  public record Use(String name, int lineOffset) {}

  /** The text with every defined name filled in, and the names that were not defined. */
  public record Result(String text, List<Use> undefined) {}

  public static Result render(String text, Function<String, java.util.Optional<String>> variables) {
    if (text.indexOf('{') < 0) {
      return new Result(text, List.of());
    }
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    List<Use> undefined = new ArrayList<>();
    int last = 0;
    while (matcher.find()) {
      out.append(unescape(text.substring(last, matcher.start())));
      if (matcher.group(1) != null) {
        out.append(matcher.group().substring(1));
      } else {
        java.util.Optional<String> value = variables.apply(matcher.group(2));
        if (value.isPresent()) {
          out.append(value.get());
        } else {
          out.append(matcher.group());
          undefined.add(new Use(matcher.group(2), lineOffset(text, matcher.start())));
        }
      }
      last = matcher.end();
    }
    out.append(unescape(text.substring(last)));
    return new Result(out.toString(), undefined);
  }

  /** Every name a text uses, in order of first use. */
  public static Set<String> names(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      if (matcher.group(1) == null) {
        names.add(matcher.group(2));
      }
    }
    return names;
  }

  private static String unescape(String text) {
    return text.indexOf('\\') < 0 ? text : ESCAPED_BRACES.matcher(text).replaceAll("{{");
  }

  private static int lineOffset(String text, int index) {
    int lines = 0;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
