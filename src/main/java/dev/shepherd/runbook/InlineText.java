package dev.shepherd.runbook;

import java.util.Locale;
import java.util.Set;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;

/** Writes a node's inline children back as compact Markdown (code spans and emphasis kept). */
final class InlineText {
  private InlineText() {}

  static String markdown(Node parent) {
    StringBuilder out = new StringBuilder();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
      append(child, out, true);
    }
    return out.toString().strip();
  }

  /** The text without any Markdown: what a heading or label says. */
  static String plain(Node parent) {
    StringBuilder out = new StringBuilder();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
      append(child, out, false);
    }
    return out.toString().strip();
  }

  private static void append(Node node, StringBuilder out, boolean markup) {
    if (node instanceof Text text) {
      out.append(text.getLiteral());
    } else if (node instanceof Code code) {
      String fence = code.getLiteral().contains("`") ? "``" : "`";
      out.append(markup ? fence + code.getLiteral() + fence : code.getLiteral());
    } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
      out.append(' ');
    } else if (node instanceof HtmlInline html) {
      // "<CLUSTER NAME>" parses as an HTML tag: an author's placeholder, kept visible.
      out.append(markup || isPlaceholder(html.getLiteral()) ? html.getLiteral() : "");
    } else if (node instanceof StrongEmphasis) {
      wrap(node, out, markup, "**");
    } else if (node instanceof Emphasis) {
      wrap(node, out, markup, "_");
    } else if (node instanceof Link link && markup) {
      out.append('[');
      children(node, out, true);
      out.append("](").append(link.getDestination()).append(')');
    } else {
      children(node, out, markup);
    }
  }

  private static final Set<String> HTML_TAGS =
      Set.of(
          "a", "b", "i", "u", "s", "em", "strong", "code", "span", "div", "br", "img", "sup", "sub",
          "kbd", "small", "mark", "abbr", "p", "del", "ins", "details", "summary", "font", "q",
          "var", "samp", "wbr", "tt");

  /** An inline tag that is not HTML: {@code <node-name>}, {@code <CLUSTER NAME>}. */
  private static boolean isPlaceholder(String literal) {
    if (literal == null
        || literal.length() < 3
        || literal.startsWith("</")
        || literal.startsWith("<!")) {
      return false;
    }
    int end = 1;
    while (end < literal.length()
        && (Character.isLetterOrDigit(literal.charAt(end))
            || literal.charAt(end) == '-'
            || literal.charAt(end) == '_')) {
      end++;
    }
    return !HTML_TAGS.contains(literal.substring(1, end).toLowerCase(Locale.ROOT));
  }

  private static void wrap(Node node, StringBuilder out, boolean markup, String marker) {
    out.append(markup ? marker : "");
    children(node, out, markup);
    out.append(markup ? marker : "");
  }

  private static void children(Node node, StringBuilder out, boolean markup) {
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      append(child, out, markup);
    }
  }
}
