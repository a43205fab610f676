package dev.shepherd.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
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
 * The runbook shapes the parser recognises, one fixture each: {@code shapes/NAME.md} (Shepherd's
 * own dialect) and {@code real-shapes/NAME.md} (the shapes teams' existing runbooks and docs come
 * in, non-runbooks included) are parsed and compared, whole, with the model in {@code NAME.json}
 * beside them: the runbook part of {@code show --json} (see {@link RunbookJson}).
 *
 * <p>To write a new fixture's expected model, run this test with {@code
 * -Dshepherd.recordFixtures=true}: it writes the missing {@code .json} files and fails, so nothing
 * passes until someone has read what was written.
 */
class RunbookShapesTest {
  private static final Path SHAPES = folder("/runbooks/shapes");
  private static final Path REAL_SHAPES = folder("/runbooks/real-shapes");

  /** Where the procedure is found: one fixture per shape the reader judges (our own words). */
  private static final Path PROCEDURES = folder("/runbooks/procedures");

  static Stream<String> fixtures() throws IOException {
    return Stream.of(
            names(SHAPES, "shapes/"),
            names(REAL_SHAPES, "real-shapes/"),
            names(PROCEDURES, "procedures/"))
        .flatMap(s -> s);
  }

  private static Stream<String> names(Path folder, String prefix) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(RunbookParser::isMarkdown)
          .sorted()
          .map(name -> prefix + name)
          .toList()
          .stream();
    }
  }

  static Path fixture(String name) {
    if (name.startsWith("procedures/")) {
      return PROCEDURES.resolve(name.substring("procedures/".length()));
    }
    return name.startsWith("shapes/")
        ? SHAPES.resolve(name.substring("shapes/".length()))
        : REAL_SHAPES.resolve(name.substring("real-shapes/".length()));
  }

  static Path expected(String name) {
    Path file = fixture(name);
    String base = file.getFileName().toString();
    for (String extension : RunbookParser.EXTENSIONS) {
      if (base.endsWith(extension)) {
        base = base.substring(0, base.length() - extension.length());
        break;
      }
    }
    return file.resolveSibling(base + ".json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void parsesFixtureIntoItsExpectedModel(String fixture) throws IOException {
    Path file = fixture(fixture);
    String markdown = Files.readString(file, StandardCharsets.UTF_8);
    Path expectedFile = expected(fixture);
    Runbook runbook =
        new RunbookParser()
            .parse(file.getFileName().toString(), markdown, Revision.content("fixture"));
    String actual = RunbookJson.MAPPER.writeValueAsString(RunbookJson.of(runbook));
    if (Boolean.getBoolean("shepherd.recordFixtures") && !Files.exists(expectedFile)) {
      // Into the source tree, not the copy on the test classpath.
      Path source =
          Path.of(
              expectedFile
                  .toString()
                  .replace(
                      "target/test-classes".replace('/', File.separatorChar),
                      "src/test/resources".replace('/', File.separatorChar)));
      Files.writeString(source, actual + "\n");
      throw new AssertionError("wrote " + expectedFile + ": read it, then run the test again");
    }
    assertThat(expectedFile).as("expected model beside " + fixture).exists();

    JsonNode expected = RunbookJson.MAPPER.readTree(expectedFile.toFile());
    // Compared as pretty-printed text so a failure shows the differing lines.
    assertThat(actual).isEqualTo(RunbookJson.MAPPER.writeValueAsString(expected));
  }

  @ParameterizedTest(name = "## {0} and ## {1}")
  @CsvSource({
    "Rollback, Troubleshooting",
    "Rollback Procedure, Common failure modes",
    "Rollback plan, Common issues"
  })
  void runbookWideSectionsApplyToEveryStepLackingItsOwn(String rollback, String troubleshooting) {
    String markdown =
        "# Runbook-wide\n"
            + "\n"
            + "## Deploy\n"
            + "```sh\nmake deploy\n```\n"
            + "\n"
            + "## Migrate\n"
            + "```sh\nmake migrate\n```\n"
            + "### Rollback\n"
            + "make unmigrate\n"
            + "\n"
            + "## "
            + rollback
            + "\n"
            + "Restore last night's snapshot.\n"
            + "\n"
            + "## "
            + troubleshooting
            + "\n"
            + "| Symptom | Cause | Fix |\n"
            + "| --- | --- | --- |\n"
            + "| `timeout` | the database is busy | wait, rerun |\n";

    Runbook runbook = new RunbookParser().parse("wide.md", markdown, Revision.content("test"));

    assertThat(runbook.steps()).extracting(Step::title).containsExactly("Deploy", "Migrate");
    Step deploy = runbook.steps().get(0);
    Step migrate = runbook.steps().get(1);
    TroubleshootingRow row =
        new TroubleshootingRow("`timeout`", "the database is busy", "wait, rerun", 21);
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
    List<Path> expected = fixtures().map(RunbookShapesTest::expected).toList();
    for (Path folder : List.of(SHAPES, REAL_SHAPES, PROCEDURES)) {
      try (Stream<Path> files = Files.list(folder)) {
        List<Path> orphans =
            files
                .filter(f -> f.getFileName().toString().endsWith(".json"))
                .filter(f -> !expected.contains(f))
                .toList();
        assertThat(orphans).isEmpty();
      }
    }
  }

  @Test
  void realShapesHoldThirtyRunbooksAndFiveDocumentsThatAreNot() throws IOException {
    List<String> real = names(REAL_SHAPES, "real-shapes/").toList();
    assertThat(real).hasSizeGreaterThanOrEqualTo(35);
  }

  private static Path folder(String resource) {
    try {
      return Path.of(
          Objects.requireNonNull(
                  RunbookShapesTest.class.getResource(resource),
                  resource + " on the test classpath")
              .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
