package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.SignedRequests;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /rollout} alone and the global shortcut open a form whose submission starts a rollout. */
class StartModalEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;
  ShepherdUnderTest shepherd;

  @BeforeEach
  void start() throws Exception {
    shepherd = new ShepherdUnderTest(folder);
  }

  @AfterEach
  void stop() {
    shepherd.close();
  }

  @Test
  void rolloutAloneOpensTheFormAndItsSubmissionStartsTheRollout() throws Exception {
    HttpResponse<String> typed = shepherd.requests.command(OPERATOR, CHANNEL, "");
    assertThat(typed.statusCode()).isEqualTo(200);
    JsonNode view = openedView();
    assertThat(view.path("private_metadata").asText()).isEqualTo(CHANNEL);
    assertThat(view.path("blocks").findValuesAsText("block_id"))
        .containsExactly("partition", "runbook", "override");

    HttpResponse<String> submitted = submit(view, "dev", "oam-secrets", null);

    assertThat(submitted.statusCode()).isEqualTo(200);
    assertThat(submitted.body()).isEmpty();
    assertThat(shepherd.root("dev").channel()).isEqualTo(CHANNEL);
  }

  @Test
  void theGlobalShortcutAsksForTheChannelToo() throws Exception {
    shepherd.slack.channelMembers(CHANNEL, List.of("U0SOMEONE", OPERATOR));
    JsonNode view = shortcutForm();

    assertThat(view.path("blocks").findValuesAsText("block_id"))
        .containsExactly("partition", "runbook", "channel", "override");
    assertThat(submit(view, "dev", "oam-secrets", CHANNEL).statusCode()).isEqualTo(200);
    assertThat(shepherd.root("dev").channel()).isEqualTo(CHANNEL);
    assertThat(shepherd.slack.calls("conversations.members"))
        .singleElement()
        .satisfies(c -> assertThat(c.param("channel")).isEqualTo(CHANNEL));
  }

  @Test
  void theShortcutRefusesAChannelTheStarterIsNotIn() throws Exception {
    shepherd.slack.channelMembers(CHANNEL, List.of("U0SOMEONE", "U0ELSE"));
    // A private channel Shepherd was not invited to: Slack answers channel_not_found.
    shepherd.slack.channel("C0UNSEEN", true, false, List.of(OPERATOR));

    JsonNode outsider = JSON.readTree(submit(shortcutForm(), "dev", "oam-secrets", CHANNEL).body());
    JsonNode unseen =
        JSON.readTree(submit(shortcutForm(), "dev", "oam-secrets", "C0UNSEEN").body());

    assertThat(outsider.path("response_action").asText()).isEqualTo("errors");
    assertThat(outsider.path("errors").path("channel").asText())
        .isEqualTo(
            "You are not a member of <#C0DEPLOYS>: join it first, or choose a channel you are in;"
                + " its thread is posted there");
    assertThat(unseen.path("errors").path("channel").asText())
        .isEqualTo(
            "Shepherd cannot see <#C0UNSEEN>: invite it there (/invite @Shepherd), or choose"
                + " another channel");
    assertThat(shepherd.shepherd.rollouts().active()).isEmpty();
  }

  /** The form the global shortcut opens, as OPERATOR. */
  private JsonNode shortcutForm() throws Exception {
    ObjectNode shortcut =
        JSON.createObjectNode()
            .put("type", "shortcut")
            .put("token", "unused")
            .put("action_ts", "1764000400.000001")
            .put("callback_id", "shepherd.start-rollout")
            .put("trigger_id", "1.2.start-shortcut");
    shortcut.putObject("team").put("id", "T0TEAM").put("domain", "example");
    shortcut
        .putObject("user")
        .put("id", OPERATOR)
        .put("username", "operator")
        .put("team_id", "T0TEAM");

    int before = shepherd.slack.calls("views.open").size();
    HttpResponse<String> opened =
        shepherd.requests.post(
            SignedRequests.formBody(Map.of("payload", shortcut.toString())), SignedRequests.now());
    assertThat(opened.statusCode()).isEqualTo(200);
    shepherd.slack.await(
        "views.open",
        calls -> shepherd.slack.calls("views.open").size() > before,
        Duration.ofSeconds(10));
    return openedView();
  }

  @Test
  void aRefusedStartIsShownInTheForm() throws Exception {
    shepherd.requests.command(OPERATOR, CHANNEL, "");
    JsonNode view = openedView();

    HttpResponse<String> submitted = submit(view, "prod", "oam-secrets", null);

    JsonNode answer = JSON.readTree(submitted.body());
    assertThat(answer.path("response_action").asText()).isEqualTo("errors");
    assertThat(answer.path("errors").path("partition").asText()).isNotBlank();
    assertThat(shepherd.shepherd.rollouts().active()).isEmpty();
  }

  private JsonNode openedView() throws Exception {
    FakeSlack.Call call =
        shepherd
            .slack
            .await(
                "views.open",
                calls -> calls.stream().anyMatch(c -> c.method().equals("views.open")),
                Duration.ofSeconds(10))
            .stream()
            .filter(c -> c.method().equals("views.open"))
            .reduce((a, b) -> b)
            .orElseThrow();
    return JSON.readTree(call.param("view"));
  }

  private HttpResponse<String> submit(
      JsonNode opened, String partition, String runbook, String channel) throws Exception {
    ObjectNode payload =
        JSON.createObjectNode()
            .put("type", "view_submission")
            .put("token", "unused")
            .put("api_app_id", "A0SHEPHERD")
            .put("trigger_id", "1.2.submit");
    payload.putObject("team").put("id", "T0TEAM").put("domain", "example");
    payload
        .putObject("user")
        .put("id", OPERATOR)
        .put("username", "operator")
        .put("team_id", "T0TEAM");
    ObjectNode view = ((ObjectNode) opened).deepCopy();
    view.put("id", "V0START" + System.nanoTime()).put("team_id", "T0TEAM").put("hash", "1.h");
    ObjectNode values = view.putObject("state").putObject("values");
    select(values, "partition", partition);
    select(values, "runbook", runbook);
    if (channel != null) {
      values
          .putObject("channel")
          .putObject("channel")
          .put("type", "conversations_select")
          .put("selected_conversation", channel);
    }
    values
        .putObject("override")
        .putObject("override")
        .put("type", "plain_text_input")
        .putNull("value");
    payload.set("view", view);
    return shepherd.requests.post(
        SignedRequests.formBody(Map.of("payload", payload.toString())), SignedRequests.now());
  }

  private static void select(ObjectNode values, String block, String value) {
    ObjectNode option =
        values
            .putObject(block)
            .putObject(block)
            .put("type", "static_select")
            .putObject("selected_option");
    option.putObject("text").put("type", "plain_text").put("text", value);
    option.put("value", value);
  }
}
