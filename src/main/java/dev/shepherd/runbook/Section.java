package dev.shepherd.runbook;

import java.util.List;

/**
 * Markdown text of a runbook part (instructions, verify, rollback, cleanup…) as written, with the
 * code blocks inside it picked out as commands.
 *
 * @param markdown the source text, lines joined with {@code \n}
 * @param commands the code blocks found in it, in order
 * @param line the file line of the text's first line
 */
public record Section(String markdown, List<Command> commands, int line) {
  public Section {
    commands = List.copyOf(commands);
  }

  public static Section empty(int line) {
    return new Section("", List.of(), line);
  }

  public boolean isBlank() {
    return markdown.isBlank() && commands.isEmpty();
  }
}
