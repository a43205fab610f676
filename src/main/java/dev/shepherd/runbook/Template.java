package dev.shepherd.runbook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code {{name}}} placeholders in runbook text. {@code \{{} writes a literal {@code {{}. An
 * undefined name is left as written and reported, so nothing renders half-filled silently. A
 * docs-site object ({@code {{ page.version }}}, {@code {{ site.url }}}) is not Shepherd's: it is
 * left as written and never reported.
 */
public final class Template {
  /**
   * A placeholder from its opening braces on; a backslash before them is looked at separately.
   * {@link #placeholderEnd} reads exactly this, faster; the pattern stays as its definition.
   */
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*}}");

  private Template() {}

  /** A name used in a text, with the line offset (0 = the text's first line) it appears on. */
  public record Use(String name, int lineOffset) {}

  /** The text with every defined name filled in, and the names that were not defined. */
  public record Result(String text, List<Use> undefined) {}

  public static Result render(String text, Function<String, Optional<String>> variables) {
    if (text.indexOf("{{") < 0) {
      return new Result(text, List.of());
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    List<Use> undefined = new ArrayList<>();
    Scan scan = new Scan(text);
    while (scan.next()) {
      out.append(unescape(text.substring(scan.last, scan.escaped ? scan.open - 1 : scan.open)));
      if (scan.escaped) {
        out.append(text, scan.open, scan.end);
      } else {
        String name = nameAt(text, scan.open);
        Optional<String> value =
            ForeignTemplates.isForeignName(name)
                ? Optional.of(text.substring(scan.open, scan.end))
                : variables.apply(name);
        if (value.isPresent()) {
          out.append(value.get());
        } else {
          out.append(text, scan.open, scan.end);
          undefined.add(new Use(name, scan.line()));
        }
      }
    }
    out.append(unescape(text.substring(scan.last)));
    return new Result(out.toString(), undefined);
  }

  /**
   * The placeholders of a text in order. Called for every part of every runbook on every partition:
   * finds "{{" with indexOf rather than trying the pattern at each position, and counts lines once
   * rather than per placeholder.
   */
  private static final class Scan {
    private final String text;

    /** Where the current placeholder opens and ends, and where the previous one ended. */
    int open;

    int end;
    int last;
    boolean escaped;
    private int from;
    private int lines;
    private int counted;

    Scan(String text) {
      this.text = text;
    }

    boolean next() {
      last = end;
      open = text.indexOf("{{", from);
      while (open >= 0) {
        end = placeholderEnd(text, open);
        if (end >= 0) {
          escaped = open > 0 && text.charAt(open - 1) == '\\';
          from = end;
          return true;
        }
        open = text.indexOf("{{", open + 1);
      }
      end = last;
      from = text.length();
      return false;
    }

    /** The line offset of the current placeholder. */
    int line() {
      lines += newlines(text, counted, open);
      counted = open;
      return lines;
    }
  }

  /**
   * Where the placeholder opening at {@code open} ends, or -1 when none opens there: what {@link
   * #PLACEHOLDER} matches from {@code open}, read by hand because it runs for every placeholder of
   * every runbook on every partition.
   */
  static int placeholderEnd(String text, int open) {
    int i = skipSpace(text, open + 2);
    if (i >= text.length() || !nameStart(text.charAt(i))) {
      return -1;
    }
    i++;
    while (i < text.length() && namePart(text.charAt(i))) {
      i++;
    }
    i = skipSpace(text, i);
    return i + 1 < text.length() && text.charAt(i) == '}' && text.charAt(i + 1) == '}' ? i + 2 : -1;
  }

  /** The name of the placeholder opening at {@code open}. */
  private static String nameAt(String text, int open) {
    int start = skipSpace(text, open + 2);
    int end = start;
    while (end < text.length() && namePart(text.charAt(end))) {
      end++;
    }
    return text.substring(start, end);
  }

  /** {@code \s} of java.util.regex: space, tab, the line breaks, vertical tab and form feed. */
  private static int skipSpace(String text, int from) {
    int i = from;
    while (i < text.length() && " \t\n\u000B\f\r".indexOf(text.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }

  private static boolean nameStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  private static boolean namePart(char c) {
    return nameStart(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
  }

  /** Every name a text uses, in order of first use. */
  public static Set<String> names(String text) {
    Set<String> names = new LinkedHashSet<>();
    for (Use use : uses(text)) {
      names.add(use.name());
    }
    return names;
  }

  /**
   * Every placeholder a text uses, in order, escaped ones left out: what {@link #render} reports as
   * undefined when nothing is defined, without building the rendered text (lint asks this of every
   * part of every runbook).
   */
  public static List<Use> uses(String text) {
    if (text.indexOf("{{") < 0) {
      return List.of();
    }
    List<Use> uses = new ArrayList<>();
    Scan scan = new Scan(text);
    while (scan.next()) {
      if (!scan.escaped) {
        String name = nameAt(text, scan.open);
        if (!ForeignTemplates.isForeignName(name)) {
          uses.add(new Use(name, scan.line()));
        }
      }
    }
    return uses;
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
