package dev.shepherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code shepherd survey} over the real-shapes fixtures and the shipped runbooks. */
class SurveyCommandTest {
  private static final String CONFIG = "config/shepherd.yaml";
  private static final String FIXTURES = "src/test/resources/runbooks/real-shapes";
  private static final List<String> NOT_RUNBOOKS =
      List.of(
          "CHANGELOG.md",
          "CONTRIBUTING.md",
          "README.md",
          "adr-0007-queue-choice.md",
          "api-reference.md",
          "architecture-overview.md",
          "meeting-notes-2026-03-02.md");

  private static Map<String, JsonNode> rows(JsonNode survey) {
    Map<String, JsonNode> rows = new HashMap<>();
    survey
        .get("files")
        .forEach(
            file ->
                rows.put(
                    file.get("path")
                        .asText()
                        .substring(file.get("path").asText().lastIndexOf('/') + 1),
                    file));
    return rows;
  }

  private static JsonNode json(String... more) throws IOException {
    String[] args = new String[more.length + 5];
    args[0] = "survey";
    args[1] = "--config";
    args[2] = CONFIG;
    args[3] = "--format";
    args[4] = "json";
    System.arraycopy(more, 0, args, 5, more.length);
    Cli.Result result = Cli.run(args);
    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    return new ObjectMapper().readTree(result.out());
  }

  @Test
  void documentsThatAreNotRunbooksAreCalledSoAndEveryOtherFixtureIsWalkable() throws IOException {
    Map<String, JsonNode> rows = rows(json("--runbooks", FIXTURES));

    assertThat(rows).hasSize(41);
    rows.forEach(
        (name, row) ->
            assertThat(row.get("verdict").asText())
                .as(name)
                .isEqualTo(
                    NOT_RUNBOOKS.contains(name)
                        ? "not-a-runbook"
                        : row.get("gaps").isEmpty() ? "ready" : "gaps"));
    rows.forEach(
        (name, row) -> {
          if (!NOT_RUNBOOKS.contains(name)) {
            assertThat(row.get("steps").asInt()).as(name).isPositive();
          }
        });
    assertThat(rows.get("README.md").get("gaps").get(0).asText()).isEqualTo("a README file");
    assertThat(rows.get("adr-0007-queue-choice.md").get("gaps").get(0).asText())
        .isEqualTo("an architecture decision record (Status, Context, Decision)");
  }

  @Test
  void rowsSayHowRollbackAndTroubleshootingWereWritten() throws IOException {
    Map<String, JsonNode> rows = rows(json("--runbooks", FIXTURES));

    JsonNode paren = rows.get("numbered-h2-paren.md");
    assertThat(paren.get("steps").asInt()).isEqualTo(3);
    assertThat(paren.get("shape").asText()).isEqualTo("numbered headings");
    assertThat(paren.get("rollback").asText()).isEqualTo("runbook-wide");
    assertThat(paren.get("troubleshooting").asText()).isEqualTo("2 rows");
    assertThat(paren.get("verdict").asText()).isEqualTo("ready");
    JsonNode fences = rows.get("list-broken-by-fences.md");
    assertThat(fences.get("steps").asInt()).isEqualTo(5);
    assertThat(fences.get("shape").asText()).isEqualTo("list items");
    assertThat(fences.get("gaps"))
        .extracting(JsonNode::asText)
        .containsExactly("no troubleshooting");
    assertThat(rows.get("rollback-vocabulary.md").get("rollback").asText())
        .isEqualTo("per step + runbook-wide");
    assertThat(rows.get("github-alerts.md").get("warnings").asInt()).isEqualTo(5);
    assertThat(rows.get("comments-and-link-definitions.md").get("notWalked").asInt()).isEqualTo(4);
  }

  @Test
  void shippedRunbooksAreAllReady() throws IOException {
    JsonNode survey = json();

    assertThat(survey.at("/totals/files").asInt()).isEqualTo(4);
    assertThat(survey.at("/totals/ready").asInt()).isEqualTo(4);
  }

  @Test
  void textAndMarkdownPrintARowPerFileAndTheTotals() {
    Cli.Result text = Cli.run("survey", "--config", CONFIG, "--runbooks", FIXTURES);
    Cli.Result markdown =
        Cli.run("survey", "--config", CONFIG, "--runbooks", FIXTURES, "--format", "markdown");

    String totals =
        "41 Markdown files in "
            + FIXTURES
            + ": 2 ready, 32 walkable with gaps,"
            + " 7 not runbooks; 115 steps in all";
    assertThat(text.exitCode()).isZero();
    assertThat(text.outLines()).hasSize(43).last().isEqualTo(totals);
    assertThat(text.outLines().get(0)).startsWith("file").contains("steps", "rollback", "verdict");
    assertThat(text.outLines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(FIXTURES + "/README.md ")
                    .endsWith("not a runbook: a README file"));
    assertThat(markdown.outLines().get(0))
        .isEqualTo(
            "| file | steps | shape | rollback | troubleshooting | warnings | not walked | verdict |");
    assertThat(markdown.outLines())
        .contains(
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
            "| "
                + FIXTURES
                + "/numbered-h2-paren.md | 3 | numbered headings | runbook-wide | 2 rows"
                + " | 0 | 0 | ready |",
            totals);
  }

  @Test
  void includeAndExcludeGlobsNameTheRunbooks() throws IOException {
    Map<String, JsonNode> rows =
        rows(
            json(
                "--runbooks",
                FIXTURES,
                "--include",
                "troubleshooting-*",
                "--exclude",
                "*-bold-groups.md"));

    assertThat(rows.keySet())
        .containsExactlyInAnyOrder(
            "troubleshooting-prose-runbook-wide.md",
            "troubleshooting-symptom-subsections.md",
            "troubleshooting-table-variants.md");
  }

  @Test
  void anUnknownFormatIsBadUsage() {
    Cli.Result result = Cli.run("survey", "--config", CONFIG, "--format", "yaml");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--format", "yaml");
  }
}
