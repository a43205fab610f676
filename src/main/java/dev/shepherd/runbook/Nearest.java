package dev.shepherd.runbook;

import org.commonmark.node.BulletList;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;

/** For a runbook without steps: the nearest thing to a step found, in words. */
final class Nearest {
  private Nearest() {}

  static String describe(Node document) {
    int headings = 0;
    int ordered = 0;
    int bullets = 0;
    int paragraphs = 0;
    String firstHeading = null;
    int firstHeadingLine = 0;
    int bulletLine = 0;
    boolean sawTitle = false;
    for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
      if (block instanceof Heading heading) {
        if (!sawTitle && heading.getLevel() == 1) {
          sawTitle = true;
          continue;
        }
        headings++;
        if (firstHeading == null) {
          firstHeading = "#".repeat(heading.getLevel()) + " " + InlineText.plain(heading);
          firstHeadingLine = SourceLines.firstLine(heading);
        }
      } else if (block instanceof OrderedList) {
        ordered++;
      } else if (block instanceof BulletList) {
        if (bulletLine == 0) {
          bulletLine = SourceLines.firstLine(block);
        }
        bullets++;
      } else if (block instanceof Paragraph) {
        paragraphs++;
      }
    }
    if (headings > 0) {
      return headings
          + " heading"
          + (headings == 1 ? "" : "s")
          + " not read as steps (titles,"
          + " explanations, runbook-wide sections), the first \""
          + firstHeading
          + "\" on line "
          + firstHeadingLine;
    }
    if (bullets > 0) {
      return "a bullet list on line "
          + bulletLine
          + " (most of its items do not read as instructions)";
    }
    if (ordered > 0) {
      return "an ordered list with a single item";
    }
    return paragraphs == 0
        ? "nothing but blank lines"
        : "prose only (" + paragraphs + " paragraph" + (paragraphs == 1 ? "" : "s") + ")";
  }
}
