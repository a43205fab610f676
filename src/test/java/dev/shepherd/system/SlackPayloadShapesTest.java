package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.audit.Action;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.SignedRequests;
import dev.shepherd.testing.WarningsLog;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests in the shapes Slack really sends beyond the common one: Enterprise Grid and org-wide
 * installs ({@code team_id} null, {@code enterprise} set, {@code W…} user ids), optional fields
 * left out, non-ASCII text and a body ending in a newline. Fixtures of our own, after the shapes in
 * Slack's SDK test suites and API reference.
 */
class SlackPayloadShapesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GRID_USER = "W0GRIDOPERATOR";

  @TempDir Path folder;
  ShepherdUnderTest shepherd;

  @BeforeEach
  void start() throws Exception {
    // The payloads below come from a workspace in an Enterprise Grid organization: so does the bot.
    FakeSlack slack = new FakeSlack();
    slack.enterprise("E0GRID");
    shepherd =
        new ShepherdUnderTest(
            folder, slack, "jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @AfterEach
  void stop() {
    shepherd.close();
  }

  @Test
  void anEnterpriseGridUserStartsAndAdvancesARolloutFromAnOrgWideInstall() throws Exception {
    HttpResponse<String> started =
        shepherd.requests.post(gridCommand("dev oam-secrets", "t-grid-1"), SignedRequests.now());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    FakeSlack.Message root = shepherd.root("dev");
    assertThat(root.text()).contains("<@" + GRID_USER + ">");
    FakeSlack.Message step = shepherd.openStep(root.ts(), 1);

    HttpResponse<String> clicked =
        shepherd.requests.post(
            SignedRequests.formBody(Map.of("payload", gridClick(step, root.ts()).toString())),
            SignedRequests.now());

    assertThat(clicked.statusCode()).as(clicked.body()).isEqualTo(200);
    shepherd.await(
        "step 1 done", m -> m.ts().equals(step.ts()) && m.button(ActionIds.DONE).isEmpty());
    Rollout rollout = shepherd.shepherd.rollouts().activeOn("dev").orElseThrow();
    assertThat(shepherd.shepherd.rollouts().trail(rollout.id()))
        .anySatisfy(
            a -> {
              assertThat(a.action()).isEqualTo(Action.DONE);
              assertThat(a.user()).isEqualTo(GRID_USER);
            });
  }

  @Test
  void aCommandWithNonAsciiTextAndATrailingNewlineGetsItsAnswer() throws Exception {
    Map<String, String> form = commandForm("dév-ünïcode-🚀", "t-utf8");
    HttpResponse<String> response =
        shepherd.requests.post(SignedRequests.formBody(form) + "\n", SignedRequests.now());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("text").asText()).contains("dév-ünïcode-🚀");
  }

  @Test
  void aClickFromAModalCarriesNoChannelAndIsStillAcked() throws Exception {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "block_actions");
    payload.putObject("user").put("id", GRID_USER).put("team_id", "T0TEAM");
    payload.put("api_app_id", "A0SHEPHERD").put("token", "unused").put("trigger_id", "1.2.view");
    payload.putObject("container").put("type", "view").put("view_id", "V0SKIP");
    payload.putNull("team");
    payload.putObject("enterprise").put("id", "E0GRID").put("name", "Example Grid");
    payload.put("is_enterprise_install", true);
    payload
        .putObject("view")
        .put("id", "V0SKIP")
        .put("type", "modal")
        .put("callback_id", "shepherd.skip");
    payload
        .putArray("actions")
        .addObject()
        .put("action_id", ActionIds.DONE)
        .put("block_id", "b")
        .put("type", "button")
        .put("value", "from-an-old-modal")
        .put("action_ts", "1764000300.000001");

    try (WarningsLog log = new WarningsLog()) {
      HttpResponse<String> response =
          shepherd.requests.post(
              SignedRequests.formBody(Map.of("payload", payload.toString())), SignedRequests.now());

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(log.warnings()).isEmpty();
    }
  }

  private static String gridCommand(String text, String trigger) {
    return SignedRequests.formBody(commandForm(text, trigger));
  }

  private static Map<String, String> commandForm(String text, String trigger) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "unused");
    form.put("team_id", "T0TEAM");
    form.put("team_domain", "example");
    form.put("enterprise_id", "E0GRID");
    form.put("enterprise_name", "Example Grid");
    form.put("channel_id", CHANNEL);
    form.put("channel_name", "deploys");
    form.put("user_id", GRID_USER);
    form.put("user_name", "grid.operator");
    form.put("command", "/rollout");
    form.put("text", text);
    form.put("api_app_id", "A0SHEPHERD");
    form.put("is_enterprise_install", "true");
    form.put("response_url", "http://127.0.0.1:1/commands/T0TEAM/1/x");
    form.put("trigger_id", trigger);
    return form;
  }

  private static ObjectNode gridClick(FakeSlack.Message step, String thread) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "block_actions");
    payload
        .putObject("user")
        .put("id", GRID_USER)
        .put("username", "grid.operator")
        .put("name", "grid.operator")
        .put("team_id", "T0TEAM");
    payload.put("api_app_id", "A0SHEPHERD").put("token", "unused");
    payload
        .putObject("container")
        .put("type", "message")
        .put("message_ts", step.ts())
        .put("channel_id", CHANNEL)
        .put("is_ephemeral", false)
        .put("thread_ts", thread);
    payload.put("trigger_id", "1.2.grid");
    // An org-wide install: no team of its own, the enterprise instead.
    payload.putNull("team");
    payload.putObject("enterprise").put("id", "E0GRID").put("name", "Example Grid");
    payload.put("is_enterprise_install", true);
    payload.putObject("channel").put("id", CHANNEL).put("name", "deploys");
    payload.putObject("message").put("type", "message").put("ts", step.ts()).put("text", "step");
    payload.put("response_url", "http://127.0.0.1:1/actions/T0TEAM/1/x");
    payload
        .putArray("actions")
        .addObject()
        .put("action_id", ActionIds.DONE)
        .put("block_id", "actions")
        .put("type", "button")
        .put("value", step.button(ActionIds.DONE).orElseThrow())
        .put("action_ts", "1764000200.000001")
        .putObject("text")
        .put("type", "plain_text")
        .put("text", "Done");
    return payload;
  }
}
