package dev.shepherd.server;

import dev.shepherd.app.ShepherdApp;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.SignedRequests;
import dev.shepherd.testing.TestRunbooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Shepherd started in-process as {@code serve} starts it, on loopback, against a fake Slack, with
 * one partition and one runbook: what the HTTP edge's tests send their requests to.
 */
final class ServedShepherd implements AutoCloseable {
  static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final String OPERATOR = "U0OPERATOR";
  static final String CHANNEL = "C0DEPLOYS";

  final FakeSlack slack;
  final ShepherdApp shepherd;
  final SignedRequests requests;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  ServedShepherd(Path folder) throws Exception {
    this(folder, Map.of());
  }

  /** With extra environment (such as {@code SHEPHERD_MANAGEMENT_PORT}). */
  ServedShepherd(Path folder, Map<String, String> extraEnv) throws Exception {
    Files.createDirectories(folder.resolve("runbooks"));
    Files.writeString(
        folder.resolve("shepherd.yaml"),
        """
        runbooks: ./runbooks
        partitions:
          - name: dev
            vars: {region: us-east-2, vault: Arda-DevOAM}
        """);
    Files.writeString(folder.resolve("runbooks/oam-secrets.md"), TestRunbooks.THREE_STEPS);
    this.slack = new FakeSlack();
    Map<String, String> env = new HashMap<>();
    env.put("SHEPHERD_DATA_DIR", folder.resolve("data").toString());
    env.putAll(extraEnv);
    try {
      this.shepherd =
          ShepherdApp.builder()
              .environment(env)
              .config(folder.resolve("shepherd.yaml"))
              .runbooks(folder.resolve("runbooks").toString())
              .listen("127.0.0.1", 0)
              .database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "")
              .slack(slack.apiUrl(), "xoxb-test-token", SECRET)
              .pacing(Duration.ofMillis(20), Duration.ofSeconds(1))
              .start();
    } catch (Exception | Error e) {
      slack.close();
      throw e;
    }
    this.requests = new SignedRequests(url("/slack/events"), SECRET);
  }

  String url(String path) {
    return "http://127.0.0.1:" + shepherd.port() + path;
  }

  /** {@code GET} of a path on the main port: its status and body, as {@code "200 ok"}. */
  String get(String path) throws Exception {
    return get(shepherd.port(), path);
  }

  String get(int port, String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(3))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body().strip();
  }

  /** The body Slack sends for {@code /rollout text}, typed by the operator. */
  static String command(String text) {
    return SignedRequests.commandBody(OPERATOR, CHANNEL, text, "t-" + System.nanoTime());
  }

  @Override
  public void close() {
    try {
      shepherd.close();
    } finally {
      slack.close();
    }
  }
}
