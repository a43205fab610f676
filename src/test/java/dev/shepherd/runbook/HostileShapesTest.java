package dev.shepherd.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Inputs built to make the shape readers' patterns backtrack: each reads in well under a second.
 */
class HostileShapesTest {
  private final RunbookParser parser = new RunbookParser();

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void unclosedLiquidIncludeAndShortcodeParagraphs() {
    String include = "{% include warning.html content=\"" + "x ".repeat(50_000) + "\n";
    String shortcode = "{{< warning >}}" + "{{ a }} ".repeat(20_000) + "\n";
    String markdown = "# Hostile\n\n## Step 1: Go\n" + include + "\n" + shortcode;

    Runbook runbook = parser.parse("hostile.md", markdown, Revision.content("t"));

    assertThat(runbook.steps()).hasSize(1);
    assertThat(runbook.reading().templating().present()).isTrue();
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void longHeadingsAndAdmonitionsOfBracesAndQuotes() {
    StringBuilder markdown = new StringBuilder("# Hostile\n\n");
    for (int i = 0; i < 300; i++) {
      markdown.append("## ").append(i).append(") \"").append("'`".repeat(300)).append('\n');
      markdown.append("!!! warning ").append("\"".repeat(2_000)).append('\n');
      markdown.append("{{- ").append("{{".repeat(500)).append('\n');
    }
    markdown.append("## Troubleshooting\n### Error: \"").append("\" ".repeat(20_000)).append('\n');

    Runbook runbook = parser.parse("hostile.md", markdown.toString(), Revision.content("t"));

    assertThat(runbook.steps()).hasSize(300);
    assertThat(runbook.reading().troubleshooting()).hasSize(1);
  }
}
