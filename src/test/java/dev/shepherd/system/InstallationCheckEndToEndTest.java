package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.SignedRequests;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed request is not enough: its team, organization and app must be the installation's. The
 * fake Slack's {@code auth.test} says the bot token is team {@code T0TEAM}'s.
 */
@Timeout(120)
class InstallationCheckEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path folder;
  ShepherdUnderTest shepherd;

  @AfterEach
  void stop() {
    if (shepherd != null) {
      shepherd.close();
    }
  }

  @Test
  void aCommandFromAnotherTeamIsRefusedWithAClearAnswerAndStartsNothing() throws Exception {
    shepherd = new ShepherdUnderTest(folder);
    String body =
        SignedRequests.commandBody(OPERATOR, CHANNEL, "dev oam-secrets", "trigger-x")
            .replace("team_id=T0TEAM", "team_id=T0OTHER");

    HttpResponse<String> answer = shepherd.requests.post(body, SignedRequests.now());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).path("text").asText())
        .isEqualTo(
            "Shepherd is installed for another Slack workspace or app: this request was not"
                + " taken.");
    assertThat(shepherd.shepherd.rollouts().active()).isEmpty();
  }

  @Test
  void aClickFromAnotherTeamIsAckedAndChangesNothing() throws Exception {
    shepherd = new ShepherdUnderTest(folder);
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    FakeSlack.Message step1 = shepherd.openStep(thread, 1);
    String payload = doneOnStepOne(step1, thread, "trigger-y").replace("\"T0TEAM\"", "\"T0OTHER\"");

    HttpResponse<String> answer =
        shepherd.requests.post(
            SignedRequests.formBody(Map.of("payload", payload)), SignedRequests.now());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEmpty();
    // The marker: the same click from the installation's team moves the step on; the refused one
    // had nothing to do with it, so step 1 was still open for this one.
    assertOnlyTheOwnClickCounts(step1, thread);
  }

  @Test
  void aCommandToAnotherAppIsRefusedWhenTheAppIsPinned() throws Exception {
    shepherd = withPinnedApp();
    String rogue =
        SignedRequests.commandBody(OPERATOR, CHANNEL, "dev oam-secrets", "trigger-z")
            .replace("api_app_id=A0SHEPHERD", "api_app_id=A0ROGUE");

    HttpResponse<String> refused = shepherd.requests.post(rogue, SignedRequests.now());

    assertThat(JSON.readTree(refused.body()).path("text").asText())
        .startsWith("Shepherd is installed for another Slack workspace or app");
    assertThat(shepherd.shepherd.rollouts().active()).isEmpty();
    assertThat(shepherd.command(OPERATOR, "dev oam-secrets")).startsWith("Starting");
  }

  @Test
  void aShortcutWhosePayloadNamesNoAppIsTakenWhenTheAppIsPinned() throws Exception {
    shepherd = withPinnedApp();
    // Slack's shortcut payloads carry no api_app_id (its reference lists none): refusing them
    // for it would leave the Start a rollout shortcut dead wherever the app is pinned.
    com.fasterxml.jackson.databind.node.ObjectNode shortcut =
        JSON.createObjectNode()
            .put("type", "shortcut")
            .put("token", "unused")
            .put("action_ts", "1764000400.000001")
            .put("callback_id", "shepherd.start-rollout")
            .put("trigger_id", "1.2.pinned-app-shortcut");
    shortcut.putObject("team").put("id", "T0TEAM").put("domain", "example");
    shortcut.putObject("user").put("id", OPERATOR).put("username", "operator");

    HttpResponse<String> answer =
        shepherd.requests.post(
            SignedRequests.formBody(Map.of("payload", shortcut.toString())), SignedRequests.now());

    assertThat(answer.statusCode()).isEqualTo(200);
    shepherd.slack.await(
        "views.open",
        calls ->
            calls.stream().anyMatch(c -> "1.2.pinned-app-shortcut".equals(c.param("trigger_id"))),
        java.time.Duration.ofSeconds(10));
  }

  @Test
  void aShortcutFromAnotherTeamIsRefusedThoughItsPayloadNamesNoApp() throws Exception {
    shepherd = withPinnedApp();

    HttpResponse<String> foreign =
        shepherd.requests.post(startShortcut("T0OTHER", "1.2.foreign"), SignedRequests.now());
    HttpResponse<String> own =
        shepherd.requests.post(startShortcut("T0TEAM", "1.2.own"), SignedRequests.now());

    assertThat(foreign.statusCode()).isEqualTo(200);
    assertThat(own.statusCode()).isEqualTo(200);
    // The marker: the installation's own shortcut, sent after, opened its form.
    shepherd.slack.await(
        "views.open",
        calls -> calls.stream().anyMatch(c -> "1.2.own".equals(c.param("trigger_id"))),
        java.time.Duration.ofSeconds(10));
    assertThat(shepherd.slack.calls("views.open"))
        .extracting(c -> c.param("trigger_id"))
        .doesNotContain("1.2.foreign");
  }

  /** The Start a rollout shortcut's payload as Slack sends it: no api_app_id. */
  private static String startShortcut(String team, String trigger) {
    com.fasterxml.jackson.databind.node.ObjectNode shortcut =
        JSON.createObjectNode()
            .put("type", "shortcut")
            .put("token", "unused")
            .put("action_ts", "1764000400.000001")
            .put("callback_id", "shepherd.start-rollout")
            .put("trigger_id", trigger);
    shortcut.putObject("team").put("id", team).put("domain", "example");
    shortcut.putObject("user").put("id", OPERATOR).put("username", "operator");
    return SignedRequests.formBody(Map.of("payload", shortcut.toString()));
  }

  @Test
  void aClickWhosePayloadNamesNoAppIsRefusedWhenTheAppIsPinned() throws Exception {
    shepherd = withPinnedApp();
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    FakeSlack.Message step1 = shepherd.openStep(thread, 1);
    // A button's payload always names its app: one without it is not Slack's.
    String payload =
        doneOnStepOne(step1, thread, "trigger-w").replace("\"api_app_id\":\"A0SHEPHERD\",", "");
    assertThat(payload).doesNotContain("api_app_id");

    HttpResponse<String> answer =
        shepherd.requests.post(
            SignedRequests.formBody(Map.of("payload", payload)), SignedRequests.now());

    assertThat(answer.statusCode()).isEqualTo(200);
    // The marker: the same click naming the app moves the step on, so the first left it open.
    assertOnlyTheOwnClickCounts(step1, thread);
  }

  /** Shepherd with its app pinned by SHEPHERD_SLACK_APP_ID. */
  private ShepherdUnderTest withPinnedApp() throws Exception {
    return new ShepherdUnderTest(
        folder,
        new FakeSlack(),
        "jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        ShepherdUnderTest.CONFIG,
        Map.of("oam-secrets.md", ShepherdUnderTest.RUNBOOK),
        Map.of("SHEPHERD_SLACK_APP_ID", "A0SHEPHERD"));
  }

  /** The payload of the operator's Done on step 1, as Slack signs it, to be altered. */
  private String doneOnStepOne(FakeSlack.Message step1, String thread, String trigger) {
    String click =
        SignedRequests.clickBody(
            OPERATOR,
            CHANNEL,
            step1.ts(),
            thread,
            ActionIds.DONE,
            step1.button(ActionIds.DONE).orElseThrow(),
            shepherd.requests.nextActionTs(),
            trigger);
    return URLDecoder.decode(click.substring("payload=".length()), StandardCharsets.UTF_8);
  }

  /**
   * The marker that a refused click changed nothing: the same click as Slack sends it moves the
   * step on, so step 1 was still open for it, and one Done is on the record.
   */
  private void assertOnlyTheOwnClickCounts(FakeSlack.Message step1, String thread)
      throws Exception {
    shepherd.click(OPERATOR, step1, ActionIds.DONE);
    shepherd.openStep(thread, 2);
    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);
    assertThat(shepherd.shepherd.rollouts().trail(rollout.id()))
        .filteredOn(a -> a.action() == dev.shepherd.audit.Action.DONE)
        .hasSize(1);
  }
}
