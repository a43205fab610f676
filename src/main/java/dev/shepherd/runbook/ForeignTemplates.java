package dev.shepherd.runbook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds docs-site templating in a runbook's text: Liquid and Jinja tags and objects, Hugo
 * shortcodes and page variables, ERB. Shepherd leaves them as written; this says which were seen.
 */
final class ForeignTemplates {
  /** The roots of Liquid/Jekyll/Hugo objects: {@code {{ page.version }}} is never Shepherd's. */
  private static final Set<String> ROOTS =
      Set.of(
          "page",
          "site",
          "include",
          "layout",
          "jekyll",
          "paginator",
          "forloop",
          "params",
          "config",
          "theme",
          "product",
          "book",
          "gitbook",
          "env",
          "data",
          "content",
          "post",
          "collection",
          "loop",
          "self",
          "super");

  private ForeignTemplates() {}

  /** Whether a Shepherd-looking placeholder name is a docs-site object ({@code page.version}). */
  static boolean isForeignName(String name) {
    int dot = name.indexOf('.');
    return dot > 0 && ROOTS.contains(name.substring(0, dot));
  }

  /**
   * Every docs-site placeholder and tag of a text. Runs on every runbook read, most of which hold
   * Shepherd's own {@code {{name}}}: found with indexOf and read by hand, line by line, rather than
   * by a pattern tried at each position.
   */
  static ForeignTemplating scan(String text) {
    Set<String> dialects = new LinkedHashSet<>();
    int uses = 0;
    int firstLine = 0;
    int line = 1;
    int counted = 0;
    int[] next = new int[OPENINGS.length];
    int at = nextOpening(text, 0, next);
    int lineEnd = -1;
    while (at >= 0) {
      if (at > lineEnd) {
        lineEnd = text.indexOf('\n', at);
        lineEnd = lineEnd < 0 ? text.length() : lineEnd;
      }
      String found = construct(text, at, lineEnd);
      if (found != null) {
        String dialect = dialect(found);
        if (dialect != null) {
          for (int i = counted; i < at; i++) {
            if (text.charAt(i) == '\n') {
              line++;
            }
          }
          counted = at;
          dialects.add(dialect);
          uses++;
          if (firstLine == 0) {
            firstLine = line;
          }
        }
        at = nextOpening(text, at + found.length(), next);
      } else {
        at = nextOpening(text, at + 2, next);
      }
    }
    return uses == 0
        ? ForeignTemplating.NONE
        : new ForeignTemplating(new ArrayList<>(dialects), uses, firstLine);
  }

  /**
   * The next "{{", "{%" or "<%" from a position, or -1. {@code next} keeps where each was found
   * last, so each opening is searched for again only once the scan has passed it: a text without
   * any "<%" is searched for one once, not at every "{{".
   */
  private static int nextOpening(String text, int from, int[] next) {
    int best = -1;
    for (int i = 0; i < OPENINGS.length; i++) {
      if (next[i] >= 0 && next[i] < from) {
        next[i] = text.indexOf(OPENINGS[i], from);
      } else if (from == 0) {
        next[i] = text.indexOf(OPENINGS[i]);
      }
      if (next[i] >= 0 && (best < 0 || next[i] < best)) {
        best = next[i];
      }
    }
    return best;
  }

  private static final String[] OPENINGS = {"{{", "{%", "<%"};

  /** The placeholder or tag opening at a position, up to its closing on the same line, or null. */
  private static String construct(String text, int at, int lineEnd) {
    String closing =
        text.startsWith("{%", at)
            ? "%}"
            : text.startsWith("<%", at)
                ? "%>"
                : text.startsWith("{{<", at) ? ">}}" : text.startsWith("{{%", at) ? "%}}" : "}}";
    // Only within the line: an unclosed "{{" must not send a search to the end of the text.
    for (int end = at + 2; end + closing.length() <= lineEnd; end++) {
      if (text.startsWith(closing, end)) {
        return text.substring(at, end + closing.length());
      }
    }
    return null;
  }

  private static String dialect(String found) {
    if (found.startsWith("{%")) {
      return "Liquid/Jinja tags";
    }
    if (found.startsWith("{{<") || found.startsWith("{{%")) {
      return "Hugo shortcodes";
    }
    if (found.startsWith("<%")) {
      return "ERB";
    }
    String inner = found.substring(2, found.length() - 2).strip();
    if (inner.startsWith("-") || inner.endsWith("-")) {
      // {{- name -}}: Jinja's and Hugo's whitespace control, never Shepherd's.
      return "Liquid/Jinja objects";
    }
    if (inner.startsWith(".")) {
      return "Hugo variables";
    }
    if (inner.contains("|")) {
      return "Liquid/Jinja filters";
    }
    return inner.indexOf(' ') < 0 && isForeignName(inner) ? "Liquid/Jinja objects" : null;
  }
}
