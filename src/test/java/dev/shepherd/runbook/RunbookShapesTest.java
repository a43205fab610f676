package dev.shepherd.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runbook shapes the parser recognises, one fixture each: {@code shapes/NAME.md} is parsed and
 * compared, whole, with the model in {@code shapes/NAME.json} (see {@link RunbookJson}).
 */
class RunbookShapesTest {
  private static final Path SHAPES = shapesFolder();

  static Stream<String> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(SHAPES)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted()
          .toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void parsesFixtureIntoItsExpectedModel(String fixture) throws IOException {
    String markdown = Files.readString(SHAPES.resolve(fixture), StandardCharsets.UTF_8);
    Path expectedFile = SHAPES.resolve(fixture.replaceFirst("\\.md$", ".json"));
    assertThat(expectedFile).as("expected model beside " + fixture).exists();

    Runbook runbook = new RunbookParser().parse(fixture, markdown, Revision.content("fixture"));

    JsonNode expected = RunbookJson.MAPPER.readTree(expectedFile.toFile());
    String actual = RunbookJson.MAPPER.writeValueAsString(RunbookJson.of(runbook));
    // Compared as pretty-printed text so a failure shows the differing lines.
    assertThat(actual).isEqualTo(RunbookJson.MAPPER.writeValueAsString(expected));
  }

  @ParameterizedTest(name = "## {0} and ## {1}")
  @CsvSource({
      "Rollback, Troubleshooting",
      "Rollback Procedure, Common failure modes",
      "Rollback plan, Common issues"})
  void runbookWideSectionsApplyToEveryStepLackingItsOwn(String rollback, String troubleshooting) {
    String markdown = "# Runbook-wide\n"
        + "\n"
        + "## Deploy\n"
        + "```sh\nmake deploy\n```\n"
        + "\n"
        + "## Migrate\n"
        + "```sh\nmake migrate\n```\n"
        + "### Rollback\n"
        + "make unmigrate\n"
        + "\n"
        + "## " + rollback + "\n"
        + "Restore last night's snapshot.\n"
        + "\n"
        + "## " + troubleshooting + "\n"
        + "| Symptom | Cause | Fix |\n"
        + "| --- | --- | --- |\n"
        + "| `timeout` | the database is busy | wait, rerun |\n";

    Runbook runbook = new RunbookParser().parse("wide.md", markdown, Revision.content("test"));

    assertThat(runbook.steps()).extracting(Step::title).containsExactly("Deploy", "Migrate");
    Step deploy = runbook.steps().get(0);
    Step migrate = runbook.steps().get(1);
    TroubleshootingRow row = new TroubleshootingRow("`timeout`", "the database is busy", "wait, rerun", 21);
    assertThat(deploy.rollback().orElseThrow())
        .isEqualTo(new Section("Restore last night's snapshot.", List.of(), 16));
    assertThat(deploy.inheritsRollback()).isTrue();
    assertThat(deploy.troubleshooting()).containsExactly(row);
    assertThat(deploy.inheritsTroubleshooting()).isTrue();
    assertThat(migrate.rollback().orElseThrow().markdown()).isEqualTo("make unmigrate");
    assertThat(migrate.inheritsRollback()).isFalse();
    assertThat(migrate.troubleshooting()).containsExactly(row);
    assertThat(migrate.inheritsTroubleshooting()).isTrue();
  }

  @Test
  void everyExpectedModelHasItsFixture() throws IOException {
    try (Stream<Path> files = Files.list(SHAPES)) {
      List<String> orphans = files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .filter(n -> !Files.exists(SHAPES.resolve(n.replaceFirst("\\.json$", ".md"))))
          .toList();
      assertThat(orphans).isEmpty();
    }
  }

  private static Path shapesFolder() {
    try {
      return Path.of(Objects.requireNonNull(
          RunbookShapesTest.class.getResource("/runbooks/shapes"), "runbooks/shapes on the test classpath").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
