package dev.shepherd.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.SignedRequests;
import dev.shepherd.testing.WarningsLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One signed request of every kind Slack sends to a request URL, most of which no Shepherd listener
 * takes: each gets a 200 (anything else shows the user an error) and logs no warning.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryInteractionAckedTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  ShepherdUnderTest shepherd;

  @BeforeAll
  void start(@TempDir Path folder) throws Exception {
    // The payloads below come from a workspace in an Enterprise Grid organization: so does the bot.
    FakeSlack slack = new FakeSlack();
    slack.enterprise("E0GRID");
    shepherd =
        new ShepherdUnderTest(
            folder, slack, "jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @AfterAll
  void stop() {
    shepherd.close();
  }

  static Stream<String> interactions() {
    return Stream.of(
        "block_actions-link-button",
        "block_actions-stale-done",
        "block_actions-stale-tick",
        "view_submission-unknown",
        "view_closed",
        "shortcut",
        "message_action",
        "block_suggestion",
        "interactive_message",
        "dialog_submission",
        "dialog_cancellation",
        "dialog_suggestion",
        "workflow_step_edit");
  }

  static Stream<String> events() {
    return Stream.of(
        "app_home_opened", "message", "app_mention", "message-grid", "app_rate_limited");
  }

  @ParameterizedTest
  @MethodSource("interactions")
  void interactionIsAckedWithoutAWarning(String name) throws Exception {
    String payload = fixture("interactions/" + name + ".json");
    try (WarningsLog log = new WarningsLog()) {
      HttpResponse<String> response =
          shepherd.requests.post(
              SignedRequests.formBody(Map.of("payload", payload)), SignedRequests.now());

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(log.warnings()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("events")
  void eventIsAckedWithoutAWarning(String name) throws Exception {
    String body = fixture("events/" + name + ".json");
    try (WarningsLog log = new WarningsLog()) {
      HttpResponse<String> response = shepherd.requests.postJson(body);

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(log.warnings()).isEmpty();
    }
  }

  @Test
  void urlVerificationEchoesTheChallenge() throws Exception {
    HttpResponse<String> response =
        shepherd.requests.postJson(fixture("events/url_verification.json"));

    assertThat(response.statusCode()).isEqualTo(200);
    // Slack takes the challenge back as plain text, as Bolt answers it.
    assertThat(response.body()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  }

  @Test
  void sslCheckIsAcked() throws Exception {
    try (WarningsLog log = new WarningsLog()) {
      HttpResponse<String> response =
          shepherd.requests.post("token=unused&ssl_check=1", SignedRequests.now());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(log.warnings()).isEmpty();
    }
  }

  @Test
  void aPayloadWithATrailingNewlineIsReadAsSlackSentIt() throws Exception {
    String body = fixture("events/app_home_opened.json") + "\n";

    assertThat(shepherd.requests.postJson(body).statusCode()).isEqualTo(200);
  }

  @Test
  void clickOnShepherdsButtonWithAnUnreadableValueTellsOnlyTheClickerItIsOutOfDate()
      throws Exception {
    String payload = fixture("interactions/block_actions-stale-done.json");

    HttpResponse<String> response =
        shepherd.requests.post(
            SignedRequests.formBody(Map.of("payload", payload)), SignedRequests.now());

    assertThat(response.statusCode()).isEqualTo(200);
    FakeSlack.Call told =
        shepherd
            .slack
            .await(
                "the out-of-date ephemeral",
                calls -> calls.stream().anyMatch(c -> c.method().equals("chat.postEphemeral")),
                Duration.ofSeconds(10))
            .stream()
            .filter(c -> c.method().equals("chat.postEphemeral"))
            .findFirst()
            .orElseThrow();
    assertThat(told.param("user")).isEqualTo(ShepherdUnderTest.OPERATOR);
    assertThat(told.param("channel")).isEqualTo(ShepherdUnderTest.CHANNEL);
    assertThat(told.param("text"))
        .contains("This message is out of date")
        .contains("/rollout status");
  }

  static String fixture(String name) {
    try (InputStream in = EveryInteractionAckedTest.class.getResourceAsStream("/slack/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture /slack/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
