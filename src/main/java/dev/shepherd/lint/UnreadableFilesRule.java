package dev.shepherd.lint;

import java.util.List;

/** A file the source could not read is one finding; the others are still checked. */
final class UnreadableFilesRule implements LintRule {
  @Override
  public void check(LintInput input, List<Finding> findings) {
    input
        .catalog()
        .unreadable()
        .forEach(
            file ->
                findings.add(
                    Finding.error(input.runbooksPrefix() + file.path(), 1, file.reason())));
  }
}
