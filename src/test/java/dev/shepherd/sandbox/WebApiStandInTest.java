package dev.shepherd.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stand-in's Web API answers what Slack's would, errors included, so a rehearsal fails where
 * Slack would.
 */
@Timeout(60)
class WebApiStandInTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SandboxUnderTest sandbox;

  @BeforeAll
  static void start() throws Exception {
    sandbox = new SandboxUnderTest();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void aWrongTokenIsInvalidAuth() throws Exception {
    JsonNode answer =
        call(
            "chat.postMessage",
            "xoxb-not-the-sandboxes",
            Map.of("channel", Channel.ID, "text", "hi"));

    assertThat(answer.path("ok").asBoolean()).isFalse();
    assertThat(answer.path("error").asText()).isEqualTo("invalid_auth");
    assertThat(sandbox.messages(SandboxUnderTest.OPERATOR)).isEmpty();
  }

  @Test
  void blocksOverSlacksLimitsAreInvalidBlocksAndNothingIsPosted() throws Exception {
    String header =
        "{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\""
            + "x".repeat(151)
            + "\"}}";

    JsonNode answer =
        call(
            "chat.postMessage",
            null,
            Map.of("channel", Channel.ID, "text", "hi", "blocks", "[" + header + "]"));

    assertThat(answer.path("error").asText()).isEqualTo("invalid_blocks");
    assertThat(answer.path("errors").get(0).asText())
        .isEqualTo("must be less than 151 characters [json-pointer:/blocks/0/text/text]");
    assertThat(sandbox.messages(SandboxUnderTest.OPERATOR)).isEmpty();
  }

  @Test
  void anotherChannelIsNotFoundAndAnUnknownTriggerOpensNoModal() throws Exception {
    JsonNode elsewhere =
        call("chat.postMessage", null, Map.of("channel", "C0ELSEWHERE", "text", "hi"));
    JsonNode modal =
        call(
            "views.open",
            null,
            Map.of(
                "trigger_id",
                "1.T0SANDBOX.made-up",
                "view",
                "{\"type\":\"modal\",\"title\":{\"type\":\"plain_text\",\"text\":\"x\"},\"blocks\":[]}"));

    assertThat(elsewhere.path("error").asText()).isEqualTo("channel_not_found");
    assertThat(modal.path("error").asText()).isEqualTo("invalid_trigger_id");
  }

  /** Calls a Web API method with the sandbox's own bot token unless one is given. */
  private static JsonNode call(String method, String bearer, Map<String, String> params)
      throws Exception {
    String body =
        new LinkedHashMap<>(params)
            .entrySet().stream()
                .map(
                    e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(sandbox.sandbox.webApiUrl() + method))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    request.header(
        "Authorization", "Bearer " + (bearer != null ? bearer : sandbox.sandbox.botToken()));
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
