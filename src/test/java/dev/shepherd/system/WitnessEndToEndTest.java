package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shepherd.audit.ChainHead;
import dev.shepherd.cli.Main;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollout's summary, posted in the channel when it ends, carries the head of the rollout's chain
 * in its metadata and a short fingerprint people can read; {@code audit verify --witness slack}
 * reads it back from the channel and finds it matches.
 */
@Timeout(120)
class WitnessEndToEndTest {
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
  void theSummaryCarriesTheChainHeadThatVerifyFindsInSlack() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);
    shepherd.walk(thread, 3, List.of(ALICE));
    FakeSlack.Message summary = shepherd.summary("dev");

    ChainHead head = shepherd.shepherd.rollouts().head(rollout.id()).orElseThrow();
    JsonNode payload = JSON.readTree(summary.metadata()).path("event_payload");
    assertThat(payload.path("rollout_id").asText()).isEqualTo(rollout.id());
    assertThat(payload.path("key").asText()).isEqualTo("summary");
    assertThat(payload.path("chain_seq").asLong()).isEqualTo(head.seq());
    assertThat(payload.path("chain_head").asText()).isEqualTo(head.hash());
    assertThat(summary.allText())
        .contains(
            ":link: record at link " + head.seq() + " `" + head.hash().substring(0, 12) + "`");

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of("SLACK_BOT_TOKEN", "xoxb-test-token", "SLACK_API_URL", shepherd.slack.apiUrl()),
            Optional.empty(),
            "audit",
            "verify",
            "--db",
            shepherd.dbUrl,
            // The key serve generated in its data folder, as an auditor would be handed it.
            "--audit-key-file",
            folder.resolve("data").resolve("audit.key").toString(),
            "--witness",
            "slack",
            "--witness-interval",
            "10");
    assertThat(exit).as(out + err.toString()).isZero();
    assertThat(out.toString())
        .endsWith(
            "Slack witnessed 1 rollout(s) in 1 channel(s) (C0DEPLOYS): every head matches the"
                + " database\n");
  }
}
