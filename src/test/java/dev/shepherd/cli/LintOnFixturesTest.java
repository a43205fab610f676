package dev.shepherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code lint} over the real-shapes fixtures: it runs through, foreign front matter is never an
 * error, and docs-site templating is one note per runbook rather than an error per use.
 */
class LintOnFixturesTest {
  private static final String FIXTURES = "src/test/resources/runbooks/real-shapes";

  private static JsonNode lint() throws IOException {
    Cli.Result result =
        Cli.run(
            "lint", "--config", "config/shepherd.yaml", "--runbooks", FIXTURES, "--format", "json");
    assertThat(result.err()).isEmpty();
    // Errors there are, for variables the shipped config does not define: exit 1, not a crash.
    assertThat(result.exitCode()).isEqualTo(1);
    return new ObjectMapper().readTree(result.out());
  }

  @Test
  void foreignFrontMatterIsNeverAFinding() throws IOException {
    List<String> frontMatter = new ArrayList<>();
    lint()
        .get("findings")
        .forEach(
            f -> {
              if (f.get("message").asText().contains("front matter")) {
                frontMatter.add(f.toString());
              }
            });

    assertThat(frontMatter).isEmpty();
  }

  @Test
  void docsSiteTemplatingIsOneNotePerRunbookAndNoUndefinedVariable() throws IOException {
    List<String> notes = new ArrayList<>();
    List<String> undefinedForeign = new ArrayList<>();
    for (JsonNode finding : lint().get("findings")) {
      String path = finding.get("path").asText();
      String message = finding.get("message").asText();
      if (finding.get("severity").asText().equals("note")) {
        notes.add(path.substring(path.lastIndexOf('/') + 1) + ":" + finding.get("line").asInt());
      }
      if (message.matches("(?s)\\{\\{\\s*(page|site|service)\\..*")
          || message.contains("brokers")
          || path.endsWith("jekyll-liquid.md")
          || path.endsWith(".erb")) {
        if (!finding.get("severity").asText().equals("note") && !message.startsWith("step ")) {
          undefinedForeign.add(finding.toString());
        }
      }
    }

    assertThat(notes)
        .containsExactly(
            "erb-docs.html.md.erb:6",
            "hugo-yaml.md:11",
            "jekyll-liquid.md:12",
            "liquid-and-shepherd-vars.md:3");
    assertThat(undefinedForeign).isEmpty();
  }

  @Test
  void notesAreNeitherErrorsNorWarningsInTheCounts() throws IOException {
    JsonNode json = lint();
    long errors = 0;
    long warnings = 0;
    for (JsonNode finding : json.get("findings")) {
      errors += finding.get("severity").asText().equals("error") ? 1 : 0;
      warnings += finding.get("severity").asText().equals("warning") ? 1 : 0;
    }

    assertThat(json.at("/counts/errors").asLong()).isEqualTo(errors);
    assertThat(json.at("/counts/warnings").asLong()).isEqualTo(warnings);
  }
}
