package dev.shepherd.sandbox;

import static dev.shepherd.sandbox.SandboxUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shepherd.app.ShepherdApp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's page API answers only the page it printed: a request needs this run's token (the
 * printed link carries it) and must come to this machine by its own name, not through a page of
 * another site that rebound its name to 127.0.0.1.
 */
class SandboxGuardTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private SandboxUnderTest sandbox;
  private String token;

  @BeforeEach
  void start() throws Exception {
    sandbox = new SandboxUnderTest();
    String printed = sandbox.sandbox.url();
    token = printed.contains("#token=") ? printed.substring(printed.indexOf("#token=") + 7) : "";
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private String api(String path) {
    return "http://127.0.0.1:" + sandbox.sandbox.port() + "/sandbox/api/" + path;
  }

  private HttpResponse<String> state(String withToken, String origin) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api("state?user=" + OPERATOR)))
            .timeout(Duration.ofSeconds(10));
    if (withToken != null) {
      request.header("X-Sandbox-Token", withToken);
    }
    if (origin != null) {
      request.header("Origin", origin);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void printedLinkCarriesARandomTokenThePageApiRequires() throws Exception {
    assertThat(sandbox.sandbox.url())
        .matches("http://localhost:" + sandbox.sandbox.port() + "/#token=[0-9a-f]{32}");

    HttpResponse<String> with = state(token, null);
    HttpResponse<String> without = state(null, null);
    HttpResponse<String> wrong = state("0".repeat(32), null);

    assertThat(with.statusCode()).isEqualTo(200);
    assertThat(without.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(without.body()).path("error").asText())
        .isEqualTo(
            "this request lacks the sandbox's token: open the link shepherd sandbox printed");
    assertThat(wrong.statusCode()).isEqualTo(403);
  }

  @Test
  void requestUnderAForeignHostNameIsRefused403() throws Exception {
    int port = sandbox.sandbox.port();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /sandbox/api/state?user="
                  + OPERATOR
                  + " HTTP/1.1\r\nHost: rebound.example:"
                  + port
                  + "\r\nX-Sandbox-Token: "
                  + token
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answer).startsWith("HTTP/1.1 403 ");
      assertThat(answer)
          .contains(
              "rebound.example is not this machine: the sandbox answers only localhost,"
                  + " 127.0.0.1 and [::1]");
    }
  }

  @Test
  void requestFromAPageOfAnotherOriginIsRefused403() throws Exception {
    int port = sandbox.sandbox.port();

    HttpResponse<String> foreign = state(token, "http://rebound.example:" + port);
    HttpResponse<String> opaque = state(token, "null");
    HttpResponse<String> own = state(token, "http://localhost:" + port);

    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(opaque.statusCode()).isEqualTo(403);
    assertThat(own.statusCode()).isEqualTo(200);
  }

  @Test
  void rehearsalGetsNoGitTokenAndProposesDiffsWhateverTheConfigSays(@TempDir Path folder)
      throws Exception {
    Path repo = folder.resolve("infra");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      Files.createDirectories(repo.resolve("runbooks"));
      Files.copy(Path.of("runbooks/oam-secrets.md"), repo.resolve("runbooks/oam-secrets.md"));
      git.add().addFilepattern("runbooks").call();
      git.commit().setMessage("runbooks").setSign(false).call();
    }
    String config =
        Files.readString(Path.of("config/shepherd.yaml"))
            .replaceFirst(
                "(?m)^runbooks: .*$",
                "runbooks:\n  source: file://"
                    + repo.toAbsolutePath()
                    + "#main:runbooks\n  propose: branch");
    Files.writeString(folder.resolve("shepherd.yaml"), config);
    AtomicReference<Map<String, String>> given = new AtomicReference<>();

    try (Sandbox branchy =
        Sandbox.start(
            new Sandbox.Options(0, Optional.empty()),
            Map.of("SHEPHERD_GIT_TOKEN", "ghp_not-for-a-rehearsal", "HOME", "/home/someone"),
            rehearsal -> {
              given.set(rehearsal.environment());
              return ShepherdApp.builder()
                  .rehearsal(rehearsal)
                  .config(folder.resolve("shepherd.yaml"))
                  .start();
            })) {
      assertThat(given.get()).doesNotContainKey("SHEPHERD_GIT_TOKEN").containsKey("HOME");
      assertThat(branchy.notices())
          .containsExactly(
              "SHEPHERD_GIT_TOKEN is not given to a rehearsal: runbooks from a private repository"
                  + " need a local clone (--runbooks DIR).",
              "runbooks.propose: branch is ignored in a rehearsal: Propose runbook changes shows"
                  + " the diff and pushes no branch.");
    }
  }

  @Test
  void bodyOverTheCapIsRefused413AndNothingIsPosted() throws Exception {
    String body =
        JSON.createObjectNode()
            .put("user", OPERATOR)
            .put("text", "/rollout " + "x".repeat(300 * 1024))
            .toString();

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(api("message")))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Sandbox-Token", token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(response.body()).path("error").asText())
        .isEqualTo("the request is too large (over 262144 bytes)");
    assertThat(JSON.readTree(state(token, null).body()).path("messages")).isEmpty();
  }
}
