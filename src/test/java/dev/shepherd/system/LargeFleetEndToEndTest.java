package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hundred partitions and a runbook as large as one gets (a very long title, 300 steps, 200
 * checklist items, 60 troubleshooting rows) through the real signed path: every message Shepherd
 * posts is one the validating fake Slack takes (it fails the test on close otherwise).
 */
class LargeFleetEndToEndTest {
  @TempDir Path folder;

  @Test
  void theLargestFleetAndRunbookPostOnlyMessagesSlackTakes() throws Exception {
    String partitions =
        IntStream.rangeClosed(1, 200)
            .mapToObj(i -> String.format("  - name: p%03d%n    vars: {region: r%d}%n", i, i))
            .collect(Collectors.joining());
    String config = "runbooks: ./runbooks\npartitions:\n" + partitions;
    try (ShepherdUnderTest shepherd =
        new ShepherdUnderTest(
            folder,
            new FakeSlack(),
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            config,
            Map.of("huge.md", hugeRunbook()),
            Map.of())) {
      String started = shepherd.command(OPERATOR, "p001 huge");
      assertThat(started).doesNotContain(":no_entry:");
      // The title is too long for the fallback text to reach " on p001 by ".
      FakeSlack.Message root =
          shepherd.await(
              "the root message", m -> m.isTopLevel() && m.text().startsWith("Rollout of Migrate"));
      shepherd.openStep(root.ts(), 1);
      assertThat(shepherd.command(OPERATOR, "status")).contains("p001");
      assertThat(shepherd.command(OPERATOR, "list")).contains("huge");
      assertThat(shepherd.slack.refusals()).isEmpty();
    }
  }

  private static String hugeRunbook() {
    StringBuilder text =
        new StringBuilder("---\nid: huge\ntitle: \"")
            // 980 characters: the store keeps titles up to 1,000 (a longer one fails the start,
            // which
            // is the store's to refuse clearly, not Slack's).
            .append(
                "Migrate every tenant's secrets to the regional vault and rotate them ".repeat(14))
            .append("\"\nchecklist:\n");
    for (int i = 1; i <= 200; i++) {
      text.append("  - \"Item ")
          .append(i)
          .append(
              ": confirm the tenant owners of {{region}} know "
                  + "the window, the rollback plan and the on-call rotation for the whole week\"\n");
    }
    text.append("---\n# Huge\n\n");
    for (int s = 1; s <= 300; s++) {
      text.append("## Step ")
          .append(s)
          .append(": ")
          .append("Rotate the secrets of tenant group ")
          .append(s)
          .append(" in {{region}} ")
          .append("and verify every consumer reloaded them ".repeat(s % 7 + 1))
          .append('\n')
          .append("```bash\n./rotate.sh --group ")
          .append(s)
          .append(" --region {{region}}\n```\n");
      if (s % 50 == 1) {
        text.append("### Troubleshooting\n| Symptom | Cause | Fix |\n| --- | --- | --- |\n");
        for (int r = 1; r <= 60; r++) {
          text.append("| `E")
              .append(r)
              .append("` consumer ")
              .append(r)
              .append(" did not reload | its cache holds the old secret | restart consumer ")
              .append(r)
              .append(" |\n");
        }
      }
      text.append('\n');
    }
    return text.toString();
  }
}
