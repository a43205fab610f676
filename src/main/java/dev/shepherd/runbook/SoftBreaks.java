package dev.shepherd.runbook;

import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Prose as written: a paragraph's soft line breaks (a single newline, in Markdown a space) joined,
 * so a paragraph wrapped over several source lines reaches a reader as one line. Only paragraphs
 * directly in the text are joined: code blocks, tables, lists, quotes and HTML keep their lines,
 * and so do a hard break (two trailing spaces or a backslash) and a docs site's directive line.
 */
final class SoftBreaks {
  private static final Parser BLOCKS =
      Parser.builder()
          .extensions(List.of(TablesExtension.create()))
          .includeSourceSpans(IncludeSourceSpans.BLOCKS)
          .build();

  private SoftBreaks() {}

  static String join(String markdown) {
    if (markdown.indexOf('\n') < 0 && markdown.indexOf('\r') < 0) {
      return markdown;
    }
    String[] lines = SourceLines.split(markdown);
    // joined[i]: line i ends in a soft break inside a paragraph and runs on into line i + 1.
    boolean[] joined = new boolean[lines.length];
    boolean any = false;
    Node document = BLOCKS.parse(markdown);
    for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
      if (block instanceof Paragraph) {
        for (int i = SourceLines.firstLine(block) - 1; i < SourceLines.lastLine(block) - 1; i++) {
          if (i >= 0
              && !endsInHardBreak(lines[i])
              && !isDirective(lines[i])
              && !isDirective(lines[i + 1])) {
            joined[i] = true;
            any = true;
          }
        }
      }
    }
    if (!any) {
      return markdown;
    }
    StringBuilder out = new StringBuilder(markdown.length());
    for (int i = 0; i < lines.length; i++) {
      if (i > 0 && joined[i - 1]) {
        out.append(' ').append(lines[i].stripLeading());
      } else {
        if (i > 0) {
          out.append('\n');
        }
        out.append(lines[i]);
      }
      if (joined[i]) {
        out.setLength(stripTrailing(out));
      }
    }
    return out.toString();
  }

  /**
   * A docs site's line of its own that commonmark reads as prose: a Docusaurus admonition's {@code
   * :::note} or {@code :::}, a kramdown {@code {: .class }}, a Liquid {@code {% tag %}}, a Hugo
   * shortcode {@code {{< name >}}}. Joined to its neighbours it would stop meaning anything.
   */
  private static boolean isDirective(String line) {
    String start = line.stripLeading();
    return start.startsWith(":::")
        || start.startsWith("{:")
        || start.startsWith("{%")
        || start.startsWith("{{<")
        || start.startsWith("{{%");
  }

  private static boolean endsInHardBreak(String line) {
    return line.endsWith("  ") || line.endsWith("\\");
  }

  /** The length of the text without its trailing spaces and tabs. */
  private static int stripTrailing(StringBuilder out) {
    int end = out.length();
    while (end > 0 && (out.charAt(end - 1) == ' ' || out.charAt(end - 1) == '\t')) {
      end--;
    }
    return end;
  }
}
