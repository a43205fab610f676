package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.BOB;
import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shepherd.sandbox.BlockChecks;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /rollout stats <runbook>} through signed requests, answered in Block Kit Slack takes. */
class StatsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;
  ShepherdUnderTest shepherd;

  @BeforeEach
  void start() throws Exception {
    shepherd = new ShepherdUnderTest(folder);
  }

  @AfterEach
  void stop() {
    shepherd.close();
  }

  @Test
  void statsOfARunbookWithHistoryCountRunsPerPartitionAndTheRates() throws Exception {
    completeOn("dev");
    rollBackOnDev();
    completeOn("stage");

    JsonNode answer = stats("oam-secrets");

    JsonNode blocks = answer.path("blocks");
    assertThat(BlockChecks.problems(blocks, BlockChecks.MESSAGE_BLOCKS)).isEmpty();
    assertThat(answer.path("text").asText())
        .isEqualTo("Stats of oam-secrets: 3 runs, change failure rate 33% (1 of 3)");
    assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("Stats: oam-secrets");
    assertThat(blocks.get(1).path("text").path("text").asText())
        .isEqualTo("*Roll out OAM secrets*: 3 runs");
    assertThat(blocks.get(2).path("fields"))
        .extracting(f -> f.path("text").asText())
        .containsExactly(
            "*Change failure rate*\n33% (1 of 3)",
            "*Failure rate*\n33% (1 of 3)",
            "*Rollback rate*\n33% (1 of 3)",
            "*Mean time to resolve a failure*\n" + meanOf(blocks) + " (1 failure)");
    String partitions = blocks.get(3).path("text").path("text").asText();
    assertThat(partitions.lines().toList())
        .hasSize(3)
        .first()
        .isEqualTo("*By partition* (median of completed runs)");
    assertThat(partitions)
        .containsPattern(
            "\n• \\*dev\\*: 2 runs \\(1 completed, 1 rolled back\\),"
                + " median [0-9]+s\n• \\*stage\\*: 1 run \\(1 completed\\), median [0-9]+s$");
    String steps = blocks.get(4).path("text").path("text").asText();
    assertThat(steps)
        .containsPattern(
            "^\\*By step\\* \\(median of done runs, from first posting\\)"
                + "\n• 1\\. Check for drift: [0-9]+s \\(3 runs\\)\n• 2\\. Deploy the stack: [0-9]+s"
                + " \\(3 runs\\)\n• 3\\. Smoke test: [0-9]+s \\(2 runs\\)$");
  }

  @Test
  void theSameFiguresAreScrapedFromMetrics() throws Exception {
    assertThat(metrics()).doesNotContain("shepherd_runbook_runs{");
    completeOn("dev");
    rollBackOnDev();

    String scrape = metrics();

    assertThat(scrape)
        .contains(
            "shepherd_runbook_runs{outcome=\"completed\",partition=\"dev\",runbook=\"oam-secrets\"} 1.0",
            "shepherd_runbook_runs{outcome=\"rolled_back\",partition=\"dev\",runbook=\"oam-secrets\"} 1.0",
            "shepherd_runbook_runs{outcome=\"aborted\",partition=\"dev\",runbook=\"oam-secrets\"} 0.0",
            "shepherd_runbook_change_failure_ratio{runbook=\"oam-secrets\"} 0.5",
            "shepherd_runbook_failure_ratio{runbook=\"oam-secrets\"} 0.5",
            "shepherd_runbook_rollback_ratio{runbook=\"oam-secrets\"} 0.5",
            "shepherd_runbook_duration_median_seconds{partition=\"dev\",runbook=\"oam-secrets\"} ",
            "shepherd_runbook_step_duration_median_seconds{runbook=\"oam-secrets\",step=\"3\","
                + "title=\"Smoke test\"} ",
            "shepherd_runbook_failure_resolution_mean_seconds{runbook=\"oam-secrets\"} ");
    assertThat(scrape).doesNotContain("partition=\"stage\",runbook=");
  }

  @Test
  void aRunbookWithoutHistorySaysSo() throws Exception {
    assertThat(shepherd.command(OPERATOR, "stats oam-secrets"))
        .isEqualTo(
            "oam-secrets has no"
                + " history yet: its figures come once a rollout of it ends (`/rollout <partition>"
                + " oam-secrets` starts one)");
  }

  @Test
  void anUnknownRunbookIsAnsweredWithTheRunbooksThereAre() throws Exception {
    assertThat(shepherd.command(OPERATOR, "stats oam-secret"))
        .isEqualTo(":question: no runbook oam-secret; the runbooks are `oam-secrets`");
    assertThat(shepherd.command(OPERATOR, "stats"))
        .isEqualTo(
            ":question: stats takes one"
                + " runbook: /rollout stats oam-secrets (`/rollout list` lists them)");
    assertThat(shepherd.command(OPERATOR, "help"))
        .contains(
            "• `/rollout stats <runbook-id>` runs per partition, medians, failure and"
                + " change failure rates");
  }

  private String metrics() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + shepherd.shepherd.port() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private String meanOf(JsonNode blocks) {
    String field = blocks.get(2).path("fields").get(3).path("text").asText();
    return field.substring(field.indexOf('\n') + 1, field.indexOf(" ("));
  }

  private JsonNode stats(String runbook) throws Exception {
    HttpResponse<String> response =
        shepherd.requests.command(OPERATOR, CHANNEL, "stats " + runbook);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private void completeOn(String partition) throws Exception {
    shepherd.command(OPERATOR, partition + " oam-secrets");
    String thread = shepherd.root(partition).ts();
    shepherd.walk(thread, 3, List.of(BOB));
    shepherd.summary(partition);
  }

  /** Dev again: step 3 fails and is rolled back, steps 3, 2 and 1 walked back. */
  private void rollBackOnDev() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread =
        shepherd
            .await(
                "the second root message on dev",
                m ->
                    m.isTopLevel()
                        && m.text().contains(" on dev by ")
                        && !ShepherdUnderTest.isSummary(m)
                        && shepherd.slack.messages().stream()
                            .noneMatch(
                                o ->
                                    m.ts().equals(o.threadTs())
                                        && o.button(ActionIds.DONE).isEmpty()))
            .ts();
    shepherd.walk(thread, 1, 2, List.of(BOB));
    shepherd.click(OPERATOR, shepherd.openStep(thread, 3), ActionIds.FAIL);
    FakeSlack.Message failure =
        shepherd.await(
            "the failure",
            m -> thread.equals(m.threadTs()) && m.button(ActionIds.ROLLBACK).isPresent());
    shepherd.click(OPERATOR, failure, ActionIds.ROLLBACK);
    for (int position = 1; position <= 3; position++) {
      int expected = position;
      FakeSlack.Message back =
          shepherd.await(
              "rollback step " + position,
              m ->
                  thread.equals(m.threadTs())
                      && m.button(ActionIds.DONE)
                          .map(
                              v ->
                                  v.matches(
                                      ".+:rollback:"
                                          + expected
                                          + ShepherdUnderTest.STEP_FINGERPRINT))
                          .orElse(false));
      if (back.button(ActionIds.APPROVE).isPresent()) {
        shepherd.click(ALICE, back, ActionIds.APPROVE);
      }
      shepherd.click(OPERATOR, back, ActionIds.DONE);
    }
    shepherd.await(
        "the rolled-back summary",
        m -> m.isTopLevel() && m.text().toLowerCase().contains("rolled back"));
  }
}
