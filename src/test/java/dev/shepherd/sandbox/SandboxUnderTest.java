package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.app.ShepherdApp;
import dev.shepherd.testing.Awaiting;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The sandbox started in-process as {@code shepherd sandbox} starts it, on any free port, with the
 * shipped {@code config/} and {@code runbooks/} unless told otherwise, driven through the page's
 * own JSON endpoints.
 */
final class SandboxUnderTest implements AutoCloseable {
  static final String OPERATOR = People.OPERATOR;
  static final String ANA = "U024BE7LH";
  static final String BEN = "U0G9QF9C6";
  static final String SOMEONE = People.SOMEONE;
  static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  final Sandbox sandbox;
  private final HttpClient http = HttpClient.newHttpClient();

  SandboxUnderTest() throws Exception {
    this(Path.of("config/shepherd.yaml"), "runbooks", Optional.empty());
  }

  SandboxUnderTest(Path config, String runbooks, Optional<Path> data) throws Exception {
    sandbox =
        Sandbox.start(
            new Sandbox.Options(0, data),
            Map.of(),
            rehearsal ->
                ShepherdApp.builder()
                    .rehearsal(rehearsal)
                    .config(config)
                    .runbooks(runbooks)
                    .start());
  }

  String url() {
    return "http://127.0.0.1:" + sandbox.port() + "/";
  }

  /** This run's token, as the printed link carries it. */
  String token() {
    String link = sandbox.url();
    return link.substring(link.indexOf("#token=") + "#token=".length());
  }

  /** What {@code user} sees now. */
  JsonNode state(String user) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url() + "sandbox/api/state?user=" + user))
                .header(PageGuard.TOKEN_HEADER, token())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "state for " + user + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  List<JsonNode> messages(String user) throws IOException, InterruptedException {
    List<JsonNode> messages = new ArrayList<>();
    state(user).path("messages").forEach(messages::add);
    return messages;
  }

  HttpResponse<String> post(String endpoint, ObjectNode body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url() + "sandbox/api/" + endpoint))
            .header("Content-Type", "application/json")
            .header(PageGuard.TOKEN_HEADER, token())
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Types a line in the composer as {@code user}. */
  void type(String user, String text) throws IOException, InterruptedException {
    expectOk(post("message", JSON.createObjectNode().put("user", user).put("text", text)));
  }

  /** Clicks a button a message shows {@code user}. */
  HttpResponse<String> click(String user, JsonNode message, String actionId)
      throws IOException, InterruptedException {
    String blockId =
        button(message, actionId)
            .map(b -> b.path("block_id").asText())
            .orElseThrow(() -> new AssertionError("no " + actionId + " button on " + message));
    return post(
        "click",
        JSON.createObjectNode()
            .put("user", user)
            .put("ts", message.path("ts").asText())
            .put("blockId", blockId)
            .put("actionId", actionId));
  }

  /** The block holding the button with this action id. */
  static Optional<JsonNode> button(JsonNode message, String actionId) {
    for (JsonNode block : message.path("blocks")) {
      for (JsonNode element : block.path("elements")) {
        if (element.path("action_id").asText().equals(actionId)) {
          return Optional.of(block);
        }
      }
    }
    return Optional.empty();
  }

  /** Waits until {@code user} sees a message that matches. */
  JsonNode await(String user, String what, Predicate<JsonNode> condition) throws Exception {
    AtomicReference<List<JsonNode>> seen = new AtomicReference<>(List.of());
    try {
      return Awaiting.untilFound(
          user + " to see " + what,
          WAIT,
          () -> {
            List<JsonNode> now = messages(user);
            seen.set(now);
            for (int i = now.size() - 1; i >= 0; i--) {
              if (condition.test(now.get(i))) {
                return Optional.of(now.get(i));
              }
            }
            return Optional.empty();
          });
    } catch (AssertionError e) {
      StringBuilder texts = new StringBuilder();
      seen.get().forEach(m -> texts.append("\n  ").append(m.path("text").asText()));
      throw new AssertionError(
          "timed out waiting for " + user + " to see " + what + "; sees:" + texts);
    }
  }

  /** Step {@code n} of a thread while it shows a button. */
  JsonNode step(String user, String thread, int n, String actionId) throws Exception {
    return await(
        user,
        "step " + n + " with " + actionId,
        m ->
            thread.equals(m.path("threadTs").asText())
                && m.path("text").asText().startsWith("Step " + n + " of")
                && button(m, actionId).isPresent());
  }

  static void expectOk(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
    }
  }

  static String allText(JsonNode message) {
    StringBuilder out = new StringBuilder(message.path("text").asText()).append('\n');
    message
        .path("blocks")
        .findValues("text")
        .forEach(
            t -> out.append(t.isTextual() ? t.asText() : t.path("text").asText()).append('\n'));
    return out.toString();
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
