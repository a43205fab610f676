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
  /** A placeholder from its opening braces on; a backslash before them is looked at separately. */
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*}}");

  private Template() {}

  /** A name used in a text, with the line offset (0 = the text's first line) it appears on. */
  public record Use(String name, int lineOffset) {}

  /** The text with every defined name filled in, and the names that were not defined. */
  public record Result(String text, List<Use> undefined) {}

  public static Result render(String text, Function<String, java.util.Optional<String>> variables) {
    // Called for every part of every runbook on every partition: find "{{" with indexOf rather
    // than trying the pattern at each position, and count lines once rather than per name.
    int open = text.indexOf("{{");
    if (open < 0) {
      return new Result(text, List.of());
    }
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    List<Use> undefined = new ArrayList<>();
    int last = 0;
    int lines = 0;
    int counted = 0;
    while (open >= 0) {
      if (!matcher.region(open, text.length()).lookingAt()) {
        open = text.indexOf("{{", open + 1);
        continue;
      }
      boolean escaped = open > 0 && text.charAt(open - 1) == '\\';
      out.append(unescape(text.substring(last, escaped ? open - 1 : open)));
      if (escaped) {
        out.append(matcher.group());
      } else {
        java.util.Optional<String> value = variables.apply(matcher.group(1));
        if (value.isPresent()) {
          out.append(value.get());
        } else {
          out.append(matcher.group());
          lines += newlines(text, counted, open);
          counted = open;
          undefined.add(new Use(matcher.group(1), lines));
        }
      }
      last = matcher.end();
      open = text.indexOf("{{", last);
    }
    out.append(unescape(text.substring(last)));
    return new Result(out.toString(), undefined);
  }

  /** Every name a text uses, in order of first use. */
  public static Set<String> names(String text) {
    Set<String> names = new LinkedHashSet<>();
    render(text, name -> {
      names.add(name);
      return java.util.Optional.of("");
    });
    return names;
  }

  private static String unescape(String text) {
    return text.indexOf('\\') < 0 ? text : text.replace("\\{{", "{{");
  }

  private static int newlines(String text, int from, int to) {
    int lines = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
