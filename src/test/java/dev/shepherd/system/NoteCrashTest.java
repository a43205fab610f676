package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static dev.shepherd.testing.ShepherdUnderTest.SECRET;
import static dev.shepherd.testing.ShepherdUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.AuditVerifier;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcAuditLog;
import dev.shepherd.store.JdbcRolloutStore;
import dev.shepherd.testing.Awaiting;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.SignedRequests;
import dev.shepherd.testing.TestDatabases;
import dev.shepherd.testing.TestKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reply in a rollout's thread that Shepherd answered 200 to is on the record even when the
 * process is killed with SIGKILL the moment after: Shepherd runs as {@code serve} in a JVM of its
 * own, the reply reaches it as a signed Events API request, and the database is read afterwards.
 */
@Timeout(180)
class NoteCrashTest {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @Test
  void anAcknowledgedNoteSurvivesSigkillOnAnH2File(@TempDir Path folder) throws Exception {
    String url = "jdbc:h2:file:" + folder.resolve("data").resolve("shepherd").toAbsolutePath();
    replyThenKill(folder, Map.of("SHEPHERD_DB_URL", url));
    try (Database database = Database.open(url, "", "", null)) {
      assertNoteOnTheRecord(database);
    }
  }

  @Test
  void anAcknowledgedNoteSurvivesSigkillOnPostgres(@TempDir Path folder) throws Exception {
    assumeTrue(TestDatabases.postgresReachable(), TestDatabases.postgresSkipMessage());
    String schema = TestDatabases.newSchema();
    try {
      String url = TestDatabases.createSchema(schema);
      replyThenKill(
          folder,
          Map.of(
              "SHEPHERD_DB_URL",
              url,
              "SHEPHERD_DB_USER",
              TestDatabases.PG_USER,
              "SHEPHERD_DB_PASSWORD",
              TestDatabases.PG_PASSWORD));
      try (Database database =
          Database.open(url, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD, null)) {
        assertNoteOnTheRecord(database);
      }
    } finally {
      TestDatabases.dropSchema(schema);
    }
  }

  private void replyThenKill(Path folder, Map<String, String> db) throws Exception {
    Files.createDirectories(folder.resolve("runbooks"));
    Files.writeString(folder.resolve("shepherd.yaml"), ShepherdUnderTest.CONFIG);
    Files.writeString(
        folder.resolve("runbooks").resolve("oam-secrets.md"), ShepherdUnderTest.RUNBOOK);
    try (FakeSlack slack = new FakeSlack()) {
      int port = freePort();
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "dev.shepherd.cli.Main",
                  "serve",
                  "--config",
                  folder.resolve("shepherd.yaml").toString(),
                  "--runbooks",
                  folder.resolve("runbooks").toString())
              .redirectErrorStream(true)
              .redirectOutput(Path.of("target", "note-crash.log").toFile());
      builder
          .environment()
          .putAll(
              Map.of(
                  "SLACK_BOT_TOKEN",
                  "xoxb-test-token",
                  "SLACK_SIGNING_SECRET",
                  SECRET,
                  "SLACK_API_URL",
                  slack.apiUrl(),
                  "PORT",
                  String.valueOf(port),
                  "SHEPHERD_HOST",
                  "127.0.0.1",
                  "SHEPHERD_DATA_DIR",
                  folder.resolve("data").toString(),
                  "SHEPHERD_SLACK_POST_INTERVAL_MS",
                  "20"));
      builder.environment().putAll(db);
      builder.environment().put("SHEPHERD_AUDIT_KEY", TestKeys.SECRET);
      Process shepherd = builder.start();
      try {
        awaitReady(shepherd, port);
        String events = "http://127.0.0.1:" + port + "/slack/events";
        SignedRequests requests = new SignedRequests(events, SECRET);
        assertThat(requests.command(OPERATOR, CHANNEL, "dev oam-secrets").statusCode())
            .isEqualTo(200);
        slack.await(
            "step 1 in its thread",
            calls ->
                slack.messages().stream()
                    .anyMatch(m -> !m.isTopLevel() && m.button(ActionIds.DONE).isPresent()),
            WAIT);
        String thread =
            slack.messages().stream()
                .filter(m -> !m.isTopLevel())
                .findFirst()
                .orElseThrow()
                .threadTs();

        String body =
            "{\"token\":\"unused\",\"team_id\":\"T0TEAM\",\"api_app_id\":\"A0SHEPHERD\","
                + "\"type\":\"event_callback\",\"event_id\":\"Ev0CRASH\",\"event_time\":1764100000,"
                + "\"event\":{\"type\":\"message\",\"channel\":\""
                + CHANNEL
                + "\",\"user\":\""
                + ALICE
                + "\",\"text\":\"saw 3 pods restart, then ready\",\"ts\":\"1764100000.000200\","
                + "\"thread_ts\":\""
                + thread
                + "\",\"channel_type\":\"channel\"}}";
        String timestamp = SignedRequests.now();
        HttpResponse<String> acked =
            http.send(
                HttpRequest.newBuilder(URI.create(events))
                    .header("Content-Type", "application/json")
                    .header("X-Slack-Request-Timestamp", timestamp)
                    .header("X-Slack-Signature", SignedRequests.sign(SECRET, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(acked.statusCode()).as("Slack's ack of the reply").isEqualTo(200);
      } finally {
        shepherd.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no clean close
        assertThat(shepherd.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(shepherd.exitValue()).isEqualTo(137);
    }
  }

  private static void assertNoteOnTheRecord(Database database) {
    JdbcRolloutStore store = new JdbcRolloutStore(database.dataSource(), TestKeys.KEYS);
    String rollout = store.active().get(0).id();
    assertThat(store.trail(rollout))
        .filteredOn(a -> a.action() == Action.NOTE)
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.user()).isEqualTo(ALICE);
              assertThat(note.detail()).isEqualTo("saw 3 pods restart, then ready");
              assertThat(note.position()).contains(1);
            });
    assertThat(store.trail(rollout))
        .extracting(Acknowledgement::action)
        .containsExactly(Action.START, Action.NOTE);
    assertThat(
            new AuditVerifier(new JdbcAuditLog(database.dataSource()), TestKeys.KEYS)
                .verify()
                .clean())
        .isTrue();
  }

  private void awaitReady(Process process, int port) throws Exception {
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
            .timeout(Duration.ofSeconds(1))
            .GET()
            .build();
    Awaiting.until(
        "serve to be ready (see target/note-crash.log)",
        Duration.ofSeconds(90),
        () -> {
          assertThat(process.isAlive()).as("serve is running (see target/note-crash.log)").isTrue();
          try {
            return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
          } catch (IOException notYet) {
            return false; // not listening yet
          }
        });
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
