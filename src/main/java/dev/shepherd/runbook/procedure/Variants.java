package dev.shepherd.runbook.procedure;

import dev.shepherd.runbook.SourceLines;
import java.util.Locale;

/**
 * The lines of a runbook that are alternatives of a step rather than steps of their own: every tab
 * but the default one (MkDocs {@code === "Helm"}, Docusaurus {@code <Tabs>}/{@code <TabItem>}, Hugo
 * {@code {{< tabs >}}} with {@code {{% codetab %}}} or {@code {{< tab >}}}, GitBook {@code {% tabs
 * %}}/{@code {% tab %}}), and every option heading after the first ("## Option B"). The walker
 * keeps them with the step they are a variant of. One pass over the lines, plain string scanning.
 */
public final class Variants {
  private Variants() {}

  /**
   * Flags, indexed by 1-based line, of the lines that belong to a non-default alternative.
   *
   * @param lines the file's lines (front matter blanked)
   */
  public static boolean[] of(String[] lines) {
    boolean[] variant = new boolean[lines.length + 2];
    mkdocs(lines, variant);
    tagged(lines, variant);
    return variant;
  }

  /** Whether a line opens a MkDocs content tab: {@code === "Title"}. */
  public static boolean isMkdocsTab(String line) {
    String s = line.stripLeading();
    return s.startsWith("=== \"") || s.startsWith("===! \"") || s.startsWith("===+ \"");
  }

  /**
   * The text with MkDocs tab bodies moved four columns left, so the Markdown inside a tab reads as
   * Markdown (lists, fences, headings) rather than as an indented code block. Lines keep their
   * numbers.
   */
  public static String dedentTabs(String text) {
    if (!text.contains("=== \"") && !text.contains("===! \"") && !text.contains("===+ \"")) {
      return text;
    }
    String[] lines = SourceLines.split(text);
    StringBuilder out = new StringBuilder(text.length());
    int tabIndent = -1;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (isMkdocsTab(line)) {
        tabIndent = indent(line);
        out.append(line.substring(tabIndent));
      } else if (tabIndent >= 0 && (line.isBlank() || indent(line) >= tabIndent + 4)) {
        out.append(line.isBlank() ? "" : line.substring(tabIndent + 4));
      } else {
        tabIndent = -1;
        out.append(line);
      }
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static int indent(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /**
   * MkDocs: a run of {@code === "…"} tabs, each followed by its body indented four columns; the
   * first is kept. Read on the lines as written, before the bodies are dedented.
   */
  private static void mkdocs(String[] lines, boolean[] variant) {
    boolean inGroup = false;
    boolean inVariant = false;
    int tabIndent = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (isMkdocsTab(line)) {
        tabIndent = indent(line);
        inVariant = inGroup;
        inGroup = true;
      } else if (inGroup && !line.isBlank() && indent(line) < tabIndent + 4) {
        inGroup = false;
        inVariant = false;
      }
      if (inVariant) {
        variant[i + 1] = true;
      }
    }
  }

  /** Docusaurus, Hugo and GitBook tabs, written as opening and closing tags. */
  private static void tagged(String[] lines, boolean[] variant) {
    int depth = 0;
    int tabs = 0;
    boolean inVariant = false;
    boolean defaultSeen = false;
    for (int i = 0; i < lines.length; i++) {
      String s = lines[i].strip().toLowerCase(Locale.ROOT);
      if (opensGroup(s)) {
        depth++;
        tabs = 0;
        defaultSeen = false;
        inVariant = false;
      } else if (depth > 0 && closesGroup(s)) {
        depth--;
        inVariant = false;
      } else if (depth > 0 && opensTab(s)) {
        tabs++;
        boolean isDefault = s.contains(" default") && !defaultSeen;
        defaultSeen |= isDefault;
        inVariant = !(tabs == 1 || isDefault);
        if (isDefault && tabs > 1) {
          // The default is not the first tab: the first tab was a variant after all. Rare; the
          // earlier tab stays as read.
          inVariant = false;
        }
      }
      if (inVariant && depth > 0) {
        variant[i + 1] = true;
      }
    }
  }

  private static boolean opensGroup(String s) {
    return s.startsWith("<tabs")
        || (s.startsWith("{{<") && s.contains(" tabs") && !s.contains("/tabs"))
        || (s.startsWith("{{%") && s.contains(" tabs") && !s.contains("/tabs"))
        || (s.startsWith("{%") && s.contains(" tabs ") && !s.contains("endtabs"))
        || s.equals("{% tabs %}");
  }

  private static boolean closesGroup(String s) {
    return s.startsWith("</tabs>")
        || (s.startsWith("{{") && s.contains("/tabs"))
        || (s.startsWith("{%") && s.contains("endtabs"));
  }

  private static boolean opensTab(String s) {
    return s.startsWith("<tabitem")
        || (s.startsWith("{{%") && s.contains("codetab") && !s.contains("/codetab"))
        || (s.startsWith("{{<") && s.contains(" tab ") && !s.contains("/tab"))
        || (s.startsWith("{{<") && s.contains(" tab>") && !s.contains("/tab"))
        || (s.startsWith("{%") && s.contains(" tab ") && !s.contains("endtab"));
  }
}
