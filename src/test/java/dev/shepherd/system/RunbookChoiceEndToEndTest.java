package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shepherd.sandbox.BlockChecks;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.TestRunbooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /rollout <partition>} where several runbooks apply answers with a button for each. */
class RunbookChoiceEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;

  @Test
  void severalRunbooksAnswerWithAStartButtonEachAndTheClickStartsThatOne() throws Exception {
    String other =
        TestRunbooks.THREE_STEPS
            .replace("id: oam-secrets", "id: cert-rotation")
            .replace("title: Roll out OAM secrets", "title: Rotate the edge certificates");
    try (ShepherdUnderTest shepherd =
        new ShepherdUnderTest(
            folder,
            new FakeSlack(),
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            ShepherdUnderTest.CONFIG,
            Map.of("oam-secrets.md", ShepherdUnderTest.RUNBOOK, "cert-rotation.md", other),
            Map.of())) {
      HttpResponse<String> answer = shepherd.requests.command(OPERATOR, CHANNEL, "dev");

      assertThat(answer.statusCode()).isEqualTo(200);
      JsonNode blocks = JSON.readTree(answer.body()).path("blocks");
      assertThat(BlockChecks.problems(blocks, BlockChecks.MESSAGE_BLOCKS)).isEmpty();
      JsonNode buttons = blocks.get(1).path("elements");
      assertThat(buttons)
          .extracting(b -> b.path("text").path("text").asText())
          .containsExactlyInAnyOrder("Start oam-secrets", "Start cert-rotation");
      JsonNode cert =
          buttons.get(0).path("value").asText().endsWith("cert-rotation")
              ? buttons.get(0)
              : buttons.get(1);

      HttpResponse<String> clicked =
          shepherd.requests.click(
              OPERATOR,
              CHANNEL,
              "1764000000.000900",
              null,
              cert.path("action_id").asText(),
              cert.path("value").asText());

      assertThat(clicked.statusCode()).isEqualTo(200);
      FakeSlack.Message root = shepherd.root("dev");
      assertThat(root.text()).contains("Rotate the edge certificates");
      assertThat(shepherd.shepherd.rollouts().activeOn("dev").orElseThrow().runbook().id())
          .isEqualTo("cert-rotation");
    }
  }
}
