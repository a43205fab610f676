package dev.shepherd.learning;

import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.learning.finding.RunbookFinding.Kind;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookParser;
import dev.shepherd.runbook.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every runbook shape the reader knows, patched with a new symptom and a note on every step, in LF
 * and in CRLF: the patched runbook covers each finding and lints no worse than the original.
 */
class PatchEveryShapeTest {
  static Stream<String> fixtures() throws IOException {
    Path root = Path.of("src/test/resources/runbooks");
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(f -> RunbookParser.isMarkdown(f.getFileName().toString()))
          .map(f -> root.relativize(f).toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void everyStepLearnsARowAndANote(String fixture) {
    for (String text :
        List.of(Found.resource(fixture), Found.resource(fixture).replace("\n", "\r\n"))) {
      Runbook runbook = Found.parse(fixture, text);
      List<RunbookFinding> findings = new ArrayList<>();
      for (Step step : runbook.steps()) {
        findings.add(
            Found.symptom(
                step.number(),
                step.title(),
                "`shepherd-probe-" + step.number() + " exited 75` while running"));
        findings.add(
            Found.finding(
                Kind.SLOW,
                step.number(),
                step.title(),
                "",
                "took 41m; its median is 3m",
                Optional.empty()));
      }
      RunbookPatchTest.proven(fixture, text, findings);
    }
  }
}
