package dev.shepherd.lint;

import java.util.List;

/** A file the source could not read is one problem; the others are still checked. */
final class UnreadableFilesRule implements LintRule {
  @Override
  public void check(LintInput input, List<Problem> problems) {
    input
        .catalog()
        .unreadable()
        .forEach(
            file ->
                problems.add(
                    Problem.error(input.runbooksPrefix() + file.path(), 1, file.reason())));
  }
}
