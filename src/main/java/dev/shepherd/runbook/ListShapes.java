package dev.shepherd.runbook;

import org.commonmark.node.BulletList;
import org.commonmark.node.Heading;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;

/** What a list looks like: task items ({@code - [ ]}), how many items, what a section holds. */
final class ListShapes {
  private ListShapes() {}

  /** A bullet list whose first item starts with {@code [ ]} or {@code [x]}. */
  static boolean isTaskList(Node block) {
    if (!(block instanceof BulletList list) || !(list.getFirstChild() instanceof ListItem item)) {
      return false;
    }
    return item.getFirstChild() instanceof Paragraph paragraph
        && isTask(InlineText.plain(paragraph));
  }

  static boolean isTask(String text) {
    return text.length() >= 3
        && text.charAt(0) == '['
        && text.charAt(2) == ']'
        && " xX".indexOf(text.charAt(1)) >= 0;
  }

  static int items(Node list) {
    int count = 0;
    for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
      count++;
    }
    return count;
  }

  /**
   * Whether the section under a heading is a procedure written as a list: its numbered items hold
   * most of its lines, so the list is the steps rather than an example inside one step.
   */
  static boolean isOnlyLists(Heading heading, int top) {
    int listLines = 0;
    int otherLines = 0;
    for (Node block = heading.getNext(); block != null; block = block.getNext()) {
      if (block instanceof Heading next && next.getLevel() <= top) {
        break;
      }
      int lines = SourceLines.lastLine(block) - SourceLines.firstLine(block) + 1;
      if (block instanceof OrderedList || isTaskList(block)) {
        listLines += lines;
      } else if (!(block instanceof ListBlock)
          && !(block instanceof org.commonmark.node.FencedCodeBlock)
          && !(block instanceof org.commonmark.node.IndentedCodeBlock)) {
        // A code block between two items is the earlier item's, however the list's numbering
        // broke around it.
        otherLines += lines;
      }
    }
    return listLines > 0 && listLines >= otherLines;
  }
}
