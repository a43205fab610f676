package dev.shepherd.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing is dropped silently: every non-blank line of every fixture and every shipped runbook is
 * placed (in a step, the introduction, a runbook-wide section, the checklist, the front matter) or
 * listed as not walked with a reason a reader gave, never the final pass's "no reader placed this
 * line". And what the model holds is what the file says, line for line.
 */
class ConservationTest {
  static Stream<String> files() throws IOException {
    List<String> all = new ArrayList<>(RunbookShapesTest.fixtures().toList());
    try (Stream<Path> shipped = Files.list(Path.of("runbooks"))) {
      shipped
          .map(p -> "runbooks/" + p.getFileName())
          .filter(RunbookParser::isMarkdown)
          .sorted()
          .forEach(all::add);
    }
    return all.stream();
  }

  private static Path path(String name) {
    return name.startsWith("runbooks/") ? Path.of(name) : RunbookShapesTest.fixture(name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void everyNonBlankLineIsPlacedOrNotWalkedWithAReason(String name) throws IOException {
    String text = Files.readString(path(name), StandardCharsets.UTF_8);
    Runbook runbook = new RunbookParser().parse(name, text, Revision.content("test"));
    String[] lines = SourceLines.split(text);

    boolean[] covered = new boolean[lines.length + 1];
    for (Placement placement : runbook.reading().placements()) {
      for (int line = placement.firstLine(); line <= placement.lastLine(); line++) {
        covered[line] = true;
      }
    }
    for (NotWalked range : runbook.reading().notWalked()) {
      assertThat(range.reason())
          .as("lines %d-%d of %s", range.firstLine(), range.lastLine(), name)
          .isNotEqualTo(LineAccount.UNREAD);
      for (int line = range.firstLine(); line <= range.lastLine(); line++) {
        covered[line] = true;
      }
    }
    List<String> dropped = new ArrayList<>();
    for (int line = 1; line <= lines.length; line++) {
      if (!lines[line - 1].isBlank() && !covered[line]) {
        dropped.add(line + ": " + lines[line - 1]);
      }
    }
    assertThat(dropped).as("lines of %s no reader accounted for", name).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void sectionTextIsTheFileTextAtTheLinesItClaims(String name) throws IOException {
    String text = Files.readString(path(name), StandardCharsets.UTF_8);
    Runbook runbook = new RunbookParser().parse(name, text, Revision.content("test"));
    String[] lines = SourceLines.split(text);
    List<Section> sections = new ArrayList<>();
    sections.add(runbook.introduction());
    for (Step step : runbook.steps()) {
      sections.add(step.instructions());
      Stream.of(step.verify(), step.diagnosis(), step.rollback(), step.cleanup())
          .flatMap(Optional::stream)
          .forEach(sections::add);
    }
    Stream.of(
            runbook.reading().rollback(), runbook.reading().diagnosis(), runbook.reading().verify())
        .flatMap(Optional::stream)
        .forEach(sections::add);
    for (Section section : sections) {
      String[] held = section.markdown().split("\n", -1);
      for (int i = 0; i < held.length; i++) {
        if (!held[i].isBlank()) {
          // Labels are cut from the start of their line: what is held ends the file's line.
          assertThat(lines[section.line() + i - 1].strip())
              .as("%s:%d", name, section.line() + i)
              .endsWith(held[i].strip());
        }
      }
    }
  }
}
