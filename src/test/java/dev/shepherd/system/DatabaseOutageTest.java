package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcRolloutStore;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.TcpProxy;
import dev.shepherd.testing.TestDatabases;
import dev.shepherd.testing.TestKeys;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops answering in the middle of a rollout (a proxy between Shepherd and the server
 * swallows everything): a click and a command are answered within Slack's three seconds, the person
 * is told nothing was recorded, nothing is committed later, {@code /readyz} says 503 and why, and
 * once the network is back the same rollout finishes without a restart.
 */
@Timeout(180)
class DatabaseOutageTest {
  /** What StoreFailureMiddleware (package-private in dev.shepherd.slack) tells the user. */
  static final String NOT_RECORDED =
      ":warning: Nothing was recorded: Shepherd's database did not"
          + " answer in time. Try again in a moment.";

  @TempDir Path folder;
  String schema;
  TcpProxy proxy;
  ShepherdUnderTest shepherd;

  @AfterEach
  void stop() throws Exception {
    if (shepherd != null) {
      shepherd.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (schema != null) {
      TestDatabases.dropSchema(schema);
    }
  }

  @Test
  void aClickDuringAnOutageIsRefusedInTimeAndTheRolloutFinishesAfterIt() throws Exception {
    assumeTrue(TestDatabases.postgresReachable(), TestDatabases.postgresSkipMessage());
    schema = TestDatabases.newSchema();
    TestDatabases.createSchema(schema);
    URI server = URI.create(TestDatabases.PG_URL.substring("jdbc:".length()));
    proxy = new TcpProxy(server.getHost(), server.getPort());
    String viaProxy =
        "jdbc:postgresql://127.0.0.1:"
            + proxy.port()
            + server.getPath()
            + "?currentSchema="
            + schema;
    shepherd =
        new ShepherdUnderTest(
            folder,
            new FakeSlack(),
            viaProxy,
            ShepherdUnderTest.CONFIG,
            Map.of("oam-secrets.md", ShepherdUnderTest.RUNBOOK),
            Map.of(
                "SHEPHERD_DB_USER",
                TestDatabases.PG_USER,
                "SHEPHERD_DB_PASSWORD",
                TestDatabases.PG_PASSWORD));

    assertThat(shepherd.command(OPERATOR, "dev")).startsWith("Starting");
    String thread = shepherd.root("dev").ts();
    shepherd.walk(thread, 1, 1, List.of());
    FakeSlack.Message step2 = shepherd.openStep(thread, 2);
    assertThat(shepherd.readyz()).isEqualTo("200 ready");

    proxy.cut();
    long start = System.nanoTime();
    HttpResponse<String> click =
        shepherd.requests.click(
            OPERATOR,
            CHANNEL,
            step2.ts(),
            step2.threadTs(),
            ActionIds.DONE,
            step2.button(ActionIds.DONE).orElseThrow());
    Duration clickTook = Duration.ofNanos(System.nanoTime() - start);
    assertThat(click.statusCode()).isEqualTo(200);
    assertThat(clickTook).as("the click's answer").isLessThan(Duration.ofSeconds(3));
    FakeSlack.Call told =
        shepherd
            .slack
            .await(
                "the clicker is told",
                calls ->
                    calls.stream()
                        .anyMatch(
                            c ->
                                c.method().equals("chat.postEphemeral")
                                    && OPERATOR.equals(c.param("user"))
                                    && c.param("text").contains("Nothing was recorded")),
                ShepherdUnderTest.WAIT)
            .stream()
            .filter(c -> c.method().equals("chat.postEphemeral"))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(told.param("text")).isEqualTo(NOT_RECORDED);

    start = System.nanoTime();
    HttpResponse<String> status = shepherd.requests.command(OPERATOR, CHANNEL, "status");
    Duration statusTook = Duration.ofNanos(System.nanoTime() - start);
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(statusTook).as("/rollout status's answer").isLessThan(Duration.ofSeconds(3));
    assertThat(new ObjectMapper().readTree(status.body()).path("text").asText())
        .isEqualTo(NOT_RECORDED);

    start = System.nanoTime();
    String notReady = shepherd.readyz();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("/readyz's answer")
        .isLessThan(Duration.ofSeconds(1));
    assertThat(notReady).startsWith("503 not ready\ndatabase: the database");

    // Kept: what must not happen is a commit landing late over the connection the proxy cut;
    // nothing can say "no late commit is coming", so the test gives one time to land.
    Thread.sleep(3_000); // long enough for a late commit to land, were one waiting
    proxy.restore();
    shepherd.awaitReady();

    try (Database direct = TestDatabases.postgres(schema)) {
      JdbcRolloutStore store = new JdbcRolloutStore(direct.dataSource(), TestKeys.KEYS);
      Rollout rollout = store.active().get(0);
      assertThat(store.trail(rollout.id()))
          .as("nothing committed after the person was told")
          .extracting(Acknowledgement::action)
          .containsExactly(Action.START, Action.DONE);
    }
    shepherd.walk(thread, 2, 3, List.of(ALICE));
    assertThat(shepherd.summary("dev").text()).contains("completed");
  }
}
