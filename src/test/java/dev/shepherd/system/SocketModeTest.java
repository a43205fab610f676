package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.audit.Action;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.Awaiting;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.SignedRequests;
import dev.shepherd.testing.SocketModeStandIn;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shepherd in Socket Mode, with an app token and a bot token alone, against a stand-in that speaks
 * Slack's Socket Mode over a real WebSocket on loopback: envelopes acked within Slack's three
 * seconds, redeliveries applied once, and a connection that heals after a {@code disconnect}, a
 * dropped TCP connection and {@code ok:false} from {@code apps.connections.open}, with {@code
 * /readyz} saying 503 while no connection is open.
 */
class SocketModeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ACK = Duration.ofSeconds(3);
  private static final Duration HEAL = Duration.ofSeconds(20);

  @TempDir Path folder;
  FakeSlack slack;
  SocketModeStandIn socket;
  ShepherdUnderTest shepherd;

  void start() throws Exception {
    slack = new FakeSlack();
    socket = new SocketModeStandIn(slack);
    shepherd =
        new ShepherdUnderTest(
            folder,
            slack,
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            ShepherdUnderTest.CONFIG,
            Map.of("oam-secrets.md", ShepherdUnderTest.RUNBOOK),
            Map.of("SLACK_APP_TOKEN", "xapp-1-A0SHEPHERD-test", "SLACK_SIGNING_SECRET", ""));
  }

  @AfterEach
  void stop() throws Exception {
    if (shepherd != null) {
      shepherd.close();
    }
    if (socket != null) {
      socket.close();
      assertThat(socket.problems()).as("what Slack would have refused").isEmpty();
    }
  }

  @Test
  void startsWithoutASigningSecretAndAnswersACommandOverTheSocket() throws Exception {
    start();
    socket.awaitConnected(HEAL);

    String id = socket.deliver("slash_commands", command("help"));

    SocketModeStandIn.Ack ack = socket.awaitAck(id, ACK);
    assertThat(socket.ackDelay(id)).isLessThan(ACK);
    assertThat(ack.payload().path("text").asText()).contains("/rollout status");
    assertThat(socket.tokensSeen()).allMatch(t -> t.equals("xapp-1-A0SHEPHERD-test"));
    // The watchdog marks the connection open at its next look (within a second).
    awaitReady(200);
    // Nothing arriving over HTTP can be verified without a signing secret.
    assertThat(shepherd.requests.command(OPERATOR, CHANNEL, "help").statusCode()).isEqualTo(401);
  }

  @Test
  void interactionsAndEventsNoListenerTakesAreAckedToo() throws Exception {
    start();
    socket.awaitConnected(HEAL);

    String event =
        socket.deliver(
            "events_api",
            JSON.readTree(EveryInteractionAckedTest.fixture("events/app_home_opened.json")));
    String link =
        socket.deliver(
            "interactive",
            JSON.readTree(
                EveryInteractionAckedTest.fixture("interactions/block_actions-link-button.json")));
    String closed =
        socket.deliver(
            "interactive",
            JSON.readTree(EveryInteractionAckedTest.fixture("interactions/view_closed.json")));

    for (String id : new String[] {event, link, closed}) {
      socket.awaitAck(id, ACK);
      assertThat(socket.ackDelay(id)).isLessThan(ACK);
    }
  }

  @Test
  void aRedeliveredClickIsAppliedOnce() throws Exception {
    start();
    socket.awaitConnected(HEAL);
    String started = socket.deliver("slash_commands", command("dev oam-secrets"));
    socket.awaitAck(started, ACK);
    FakeSlack.Message root = shepherd.root("dev");
    FakeSlack.Message step = shepherd.openStep(root.ts(), 1);
    String form =
        SignedRequests.clickBody(
            OPERATOR,
            CHANNEL,
            step.ts(),
            root.ts(),
            ActionIds.DONE,
            step.button(ActionIds.DONE).orElseThrow(),
            "1764000100.000001",
            "trigger-1");
    JsonNode click =
        JSON.readTree(
            URLDecoder.decode(form.substring("payload=".length()), StandardCharsets.UTF_8));

    String first = socket.deliver("interactive", click, 0, "env-click-1");
    socket.awaitAck(first, ACK);
    // Slack redelivers what it thinks went unacked, with retry_attempt counting up.
    String again = socket.deliver("interactive", click, 1, "env-click-1-retry");
    socket.awaitAck(again, ACK);

    Rollout rollout = shepherd.shepherd.rollouts().activeOn("dev").orElseThrow();
    shepherd.await(
        "step 1 done", m -> m.ts().equals(step.ts()) && m.button(ActionIds.DONE).isEmpty());
    assertThat(
            shepherd.shepherd.rollouts().trail(rollout.id()).stream()
                .filter(a -> a.action() == Action.DONE))
        .hasSize(1);
  }

  @Test
  void reconnectsWhenSlackAsksToRefresh() throws Exception {
    start();
    socket.awaitConnected(HEAL);
    int before = socket.opens();

    socket.disconnect("refresh_requested");

    awaitOpens(before + 1);
    socket.awaitConnected(HEAL);
    String id = socket.deliver("slash_commands", command("help"));
    assertThat(socket.awaitAck(id, ACK).payload().path("text").asText()).contains("/rollout");
  }

  @Test
  void healsAfterADroppedConnectionWhileSlackRefusesToOpenOne() throws Exception {
    start();
    socket.awaitConnected(HEAL);
    awaitReady(200);
    socket.refuseNextOpens(3);

    socket.drop();

    HttpResponse<String> down = awaitReady(503);
    assertThat(down.body())
        .startsWith("not ready\n")
        .contains("slack: no Socket Mode connection is open");
    socket.awaitConnected(HEAL);
    awaitReady(200);
    String id = socket.deliver("slash_commands", command("help"));
    assertThat(socket.awaitAck(id, ACK).payload().path("text").asText()).contains("/rollout");
    assertThat(metrics())
        .contains("shepherd_slack_socket_connected 1.0")
        .containsPattern("shepherd_slack_socket_connects_total\\{outcome=\"failed\"\\} [1-9]");
  }

  @Test
  void startsWhenTheFirstOpenAnswersOkFalse() throws Exception {
    slack = new FakeSlack();
    socket = new SocketModeStandIn(slack);
    socket.refuseNextOpens(1);
    shepherd =
        new ShepherdUnderTest(
            folder,
            slack,
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            ShepherdUnderTest.CONFIG,
            Map.of("oam-secrets.md", ShepherdUnderTest.RUNBOOK),
            Map.of("SLACK_APP_TOKEN", "xapp-1-A0SHEPHERD-test", "SLACK_SIGNING_SECRET", ""));

    socket.awaitConnected(HEAL);
    awaitReady(200);
    assertThat(metrics())
        .containsPattern("shepherd_slack_socket_connects_total\\{outcome=\"failed\"\\} 1.0");
  }

  private void awaitOpens(int count) throws InterruptedException {
    Awaiting.until("apps.connections.open called again", HEAL, () -> socket.opens() >= count);
  }

  private HttpResponse<String> awaitReady(int status) throws Exception {
    AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
    try {
      return Awaiting.untilFound(
          "/readyz answering " + status,
          HEAL,
          () -> {
            HttpResponse<String> response = readyz();
            last.set(response);
            return Optional.of(response).filter(r -> r.statusCode() == status);
          });
    } catch (AssertionError e) {
      HttpResponse<String> response = last.get();
      throw new AssertionError(
          "/readyz answering "
              + status
              + "; last: "
              + (response == null ? "none" : response.statusCode() + " " + response.body()),
          e);
    }
  }

  private HttpResponse<String> readyz() throws Exception {
    return get("/readyz");
  }

  private String metrics() throws Exception {
    return get("/metrics").body();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + shepherd.shepherd.port() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static ObjectNode command(String text) {
    ObjectNode payload = JSON.createObjectNode();
    payload
        .put("token", "unused")
        .put("team_id", "T0TEAM")
        .put("team_domain", "example")
        .put("channel_id", CHANNEL)
        .put("channel_name", "deploys")
        .put("user_id", OPERATOR)
        .put("user_name", "operator")
        .put("command", "/rollout")
        .put("text", text)
        .put("api_app_id", "A0SHEPHERD")
        .put("is_enterprise_install", "false")
        .put("response_url", "http://127.0.0.1:1/commands/T0TEAM/1/x")
        .put("trigger_id", "trigger-" + UUID.randomUUID());
    return payload;
  }
}
