package dev.shepherd.runbook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds docs-site templating in a runbook's text: Liquid and Jinja tags and objects, Hugo
 * shortcodes and page variables, ERB. Shepherd leaves them as written; this says which were seen.
 */
final class ForeignTemplates {
  /** The roots of Liquid/Jekyll/Hugo objects: {@code {{ page.version }}} is never Shepherd's. */
  private static final Set<String> ROOTS = Set.of("page", "site", "include", "layout", "jekyll",
      "paginator", "forloop", "params", "config", "theme", "product", "book", "gitbook", "env",
      "data", "content", "post", "collection", "loop", "self", "super");
  private static final Pattern SIGNS = Pattern.compile(
      "\\{%.*?%}|\\{\\{[<%].*?[>%]}}|\\{\\{-?\\s*\\.[A-Za-z].*?}}|\\{\\{[^}]*\\|[^}]*}}|\\{\\{-.*?-?}}"
          + "|<%[=#-]?.*?%>|\\{\\{\\s*[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z0-9_.-]+\\s*}}");

  private ForeignTemplates() {}

  /** Whether a Shepherd-looking placeholder name is a docs-site object ({@code page.version}). */
  static boolean isForeignName(String name) {
    int dot = name.indexOf('.');
    return dot > 0 && ROOTS.contains(name.substring(0, dot));
  }

  static ForeignTemplating scan(String text) {
    if (text.indexOf("{%") < 0 && text.indexOf("{{") < 0 && text.indexOf("<%") < 0) {
      return ForeignTemplating.NONE;
    }
    Set<String> dialects = new LinkedHashSet<>();
    int uses = 0;
    int firstLine = 0;
    String[] lines = SourceLines.split(text);
    for (int i = 0; i < lines.length; i++) {
      Matcher matcher = SIGNS.matcher(lines[i]);
      while (matcher.find()) {
        String found = matcher.group();
        String dialect = dialect(found);
        if (dialect == null) {
          continue;
        }
        dialects.add(dialect);
        uses++;
        if (firstLine == 0) {
          firstLine = i + 1;
        }
      }
    }
    return uses == 0 ? ForeignTemplating.NONE
        : new ForeignTemplating(new ArrayList<>(dialects), uses, firstLine);
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
    String inner = found.substring(2, found.length() - 2).replace("-", " ").strip();
    if (inner.startsWith(".")) {
      return "Hugo variables";
    }
    if (inner.contains("|")) {
      return "Liquid/Jinja filters";
    }
    List<String> words = List.of(inner.split("\\s+"));
    if (words.size() == 1 && isForeignName(words.get(0))) {
      return "Liquid/Jinja objects";
    }
    return null;
  }
}
