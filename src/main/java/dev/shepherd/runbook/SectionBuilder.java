package dev.shepherd.runbook;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;

/**
 * Collects the source text of consecutive blocks into a {@link Section}. Blank lines between
 * blocks are kept, so line {@code n} of the text is always file line {@code line + n}: template
 * errors found in the text can then name the file line.
 */
final class SectionBuilder {
  private final StringBuilder markdown = new StringBuilder();
  private final List<Command> commands = new ArrayList<>();
  private int firstLine;
  private int lastLine;

  SectionBuilder(int line) {
    this.firstLine = line;
  }

  void addBlock(Node block, SourceLines source) {
    addText(source.blockText(block), SourceLines.firstLine(block));
    block.accept(new AbstractVisitor() {
      @Override
      public void visit(FencedCodeBlock code) {
        String info = code.getInfo() == null ? "" : code.getInfo().strip();
        String language = info.isEmpty() ? "" : info.split("\\s+")[0];
        commands.add(new Command(language, code.getLiteral(), SourceLines.firstLine(code) + 1));
      }

      @Override
      public void visit(IndentedCodeBlock code) {
        commands.add(new Command("", code.getLiteral(), SourceLines.firstLine(code)));
      }
    });
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
    lastLine = line + (int) text.chars().filter(c -> c == '\n').count();
  }

  boolean isEmpty() {
    return markdown.length() == 0 && commands.isEmpty();
  }

  Section build() {
    return new Section(markdown.toString(), commands, firstLine);
  }
}
