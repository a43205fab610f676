package dev.shepherd.runbook;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Block;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

/**
 * Collects the source text of consecutive blocks into a {@link Section}. Blank lines between blocks
 * are kept, so line {@code n} of the text is always file line {@code line + n}: template errors
 * found in the text can then name the file line.
 */
final class SectionBuilder {
  private final StringBuilder markdown = new StringBuilder();
  private final List<Command> commands = new ArrayList<>();
  private int firstLine;
  private int lastLine;

  SectionBuilder(int line) {
    this.firstLine = line;
  }

  /** A block, given its source text. */
  void addBlock(Node block, String text) {
    addText(text, SourceLines.firstLine(block));
    collectCommands(block);
  }

  /**
   * The code blocks in a block, nested in lists and quotes too. Only blocks hold code blocks, so
   * the walk never enters a paragraph's or heading's inline text (a visitor would, for every one).
   */
  private void collectCommands(Node node) {
    if (node instanceof FencedCodeBlock code) {
      String info = code.getInfo() == null ? "" : code.getInfo().strip();
      String language = info.substring(0, firstBlank(info));
      commands.add(new Command(language, code.getLiteral(), SourceLines.firstLine(code) + 1));
    } else if (node instanceof IndentedCodeBlock code) {
      commands.add(new Command("", code.getLiteral(), SourceLines.firstLine(code)));
    } else if (node instanceof Block
        && !(node instanceof Paragraph)
        && !(node instanceof Heading)) {
      for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
        collectCommands(child);
      }
    }
  }

  /** Where the first word of a code block's info string ends (the language): regex \s, by hand. */
  private static int firstBlank(String info) {
    int i = 0;
    while (i < info.length() && " \t\n\u000B\f\r".indexOf(info.charAt(i)) < 0) {
      i++;
    }
    return i;
  }

  void addText(String text, int line) {
    if (text.isBlank()) {
      return;
    }
    if (markdown.length() == 0) {
      firstLine = line;
    } else {
      markdown.append("\n".repeat(Math.max(1, line - lastLine)));
    }
    markdown.append(text);
    int breaks = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      breaks++;
    }
    lastLine = line + breaks;
  }

  boolean isEmpty() {
    return markdown.length() == 0 && commands.isEmpty();
  }

  Section build() {
    return new Section(markdown.toString(), commands, firstLine);
  }
}
