package dev.shepherd.sandbox;

import static dev.shepherd.sandbox.SandboxUnderTest.ANA;
import static dev.shepherd.sandbox.SandboxUnderTest.OPERATOR;
import static dev.shepherd.sandbox.SandboxUnderTest.SOMEONE;
import static dev.shepherd.sandbox.SandboxUnderTest.allText;
import static dev.shepherd.sandbox.SandboxUnderTest.button;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.Awaiting;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slack stand-in without a browser: the page's JSON endpoints in, Shepherd's real {@code
 * /slack/events} behind them, and what each person would see out.
 */
@Timeout(120)
class SandboxStandInTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  SandboxUnderTest sandbox;

  @BeforeEach
  void start() throws Exception {
    sandbox = new SandboxUnderTest();
  }

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void commandAnswerIsShownOnlyToWhoTypedItAndTheThreadToEveryone() throws Exception {
    sandbox.type(OPERATOR, "/rollout dev oam-secrets");

    JsonNode answer =
        sandbox.await(OPERATOR, "the command's answer", m -> m.path("ephemeral").asBoolean());
    assertThat(answer.path("text").asText()).isEqualTo("Starting oam-secrets on dev…");
    assertThat(answer.path("note").asText()).isEqualTo("/rollout dev oam-secrets");
    JsonNode root =
        sandbox.await(
            ANA,
            "the root message",
            m ->
                m.path("threadTs").isNull()
                    && m.path("text")
                        .asText()
                        .startsWith(
                            "Rollout of Roll out partition OAM secrets on dev by <@U0OPERATOR>"));
    JsonNode step1 = sandbox.step(ANA, root.path("ts").asText(), 1, ActionIds.DONE);
    assertThat(allText(step1)).contains("./amm.sh drift-check --partition dev --region us-east-2");
    assertThat(sandbox.messages(ANA)).noneMatch(m -> m.path("ephemeral").asBoolean());
  }

  @Test
  void commandNamingNoRunbookListsTheChoicePrivately() throws Exception {
    sandbox.type(SOMEONE, "/rollout dev");

    JsonNode answer = sandbox.await(SOMEONE, "the choice", m -> m.path("ephemeral").asBoolean());
    assertThat(answer.path("text").asText())
        .startsWith("Several runbooks apply to dev; name one:")
        .contains(
            "`/rollout dev oam-secrets`",
            "`/rollout dev rotate-gh-token`",
            "`/rollout dev vault-bootstrap`");
    assertThat(sandbox.messages(OPERATOR)).isEmpty();
  }

  @Test
  void clickOnDoneReachesShepherdAndTheNextStepIsPosted() throws Exception {
    String thread = startDev();
    JsonNode step1 = sandbox.step(OPERATOR, thread, 1, ActionIds.DONE);

    SandboxUnderTest.expectOk(sandbox.click(OPERATOR, step1, ActionIds.DONE));

    JsonNode step2 = sandbox.step(OPERATOR, thread, 2, ActionIds.APPROVE);
    assertThat(allText(step2)).contains("Deploy the stack", "needs approval (0 of 1)");
    JsonNode done =
        sandbox.await(
            OPERATOR,
            "step 1 marked done",
            m -> m.path("ts").equals(step1.path("ts")) && button(m, ActionIds.DONE).isEmpty());
    assertThat(allText(done)).contains("Done by <@U0OPERATOR>");
  }

  @Test
  void refusalOfTheOperatorsOwnApprovalIsShownOnlyToTheOperatorInTheThread() throws Exception {
    String thread = startDev();
    SandboxUnderTest.expectOk(
        sandbox.click(OPERATOR, sandbox.step(OPERATOR, thread, 1, ActionIds.DONE), ActionIds.DONE));
    JsonNode step2 = sandbox.step(OPERATOR, thread, 2, ActionIds.APPROVE);

    SandboxUnderTest.expectOk(sandbox.click(OPERATOR, step2, ActionIds.APPROVE));

    JsonNode refusal =
        sandbox.await(
            OPERATOR,
            "the refusal",
            m -> m.path("ephemeral").asBoolean() && thread.equals(m.path("threadTs").asText()));
    assertThat(refusal.path("text").asText())
        .contains("you started this rollout, so someone else must approve its steps");
    assertThat(sandbox.messages(ANA)).noneMatch(m -> m.path("ephemeral").asBoolean());
    SandboxUnderTest.expectOk(sandbox.click(ANA, step2, ActionIds.APPROVE));
    JsonNode approved =
        sandbox.await(
            ANA,
            "step 2 approved by Ana",
            m ->
                m.path("ts").equals(step2.path("ts"))
                    && allText(m).contains("approved by <@U024BE7LH>"));
    assertThat(button(approved, ActionIds.DONE)).isPresent();
  }

  @Test
  void skipOpensTheModalForTheClickerOnlyAndItsReasonReachesShepherd() throws Exception {
    String thread = startDev();
    JsonNode step1 = sandbox.step(ANA, thread, 1, ActionIds.SKIP);

    SandboxUnderTest.expectOk(sandbox.click(ANA, step1, ActionIds.SKIP));

    JsonNode modal = awaitModal(ANA);
    assertThat(modal.path("view").path("private_metadata").asText())
        .isEqualTo(valueOf(step1, ActionIds.SKIP));
    assertThat(modal.path("view").path("title").path("text").asText()).isEqualTo("Skip step 1");
    assertThat(sandbox.state(OPERATOR).path("modal").isNull()).isTrue();
    ObjectNode values = JSON.createObjectNode();
    values.putObject("reason").put("reason", "the drift check ran in CI an hour ago");
    SandboxUnderTest.expectOk(
        sandbox.post(
            "submit",
            JSON.createObjectNode()
                .put("user", ANA)
                .put("viewId", modal.path("id").asText())
                .set("values", values)));

    JsonNode skipped =
        sandbox.await(
            ANA,
            "step 1 skipped",
            m ->
                m.path("ts").equals(step1.path("ts"))
                    && allText(m).contains("Skipped by <@U024BE7LH>"));
    assertThat(allText(skipped)).contains("the drift check ran in CI an hour ago");
    assertThat(sandbox.state(ANA).path("modal").isNull()).isTrue();
  }

  @Test
  void addNoteOpensItsModalAndTheStepSaysItHasANote() throws Exception {
    String thread = startDev();
    JsonNode step1 = sandbox.step(ANA, thread, 1, ActionIds.NOTE);

    SandboxUnderTest.expectOk(sandbox.click(ANA, step1, ActionIds.NOTE));
    JsonNode modal = awaitModal(ANA);
    assertThat(modal.path("view").path("title").path("text").asText()).isEqualTo("Note on step 1");
    ObjectNode values = JSON.createObjectNode();
    values.putObject("note").put("note", "drift check printed No drift detected");
    SandboxUnderTest.expectOk(
        sandbox.post(
            "submit",
            JSON.createObjectNode()
                .put("user", ANA)
                .put("viewId", modal.path("id").asText())
                .set("values", values)));

    sandbox.await(
        ANA,
        "step 1 with its note",
        m ->
            m.path("ts").equals(step1.path("ts"))
                && allText(m).contains(":memo: 1 note on the record"));
  }

  @Test
  void skipByTheOperatorIsRefusedInsideTheModal() throws Exception {
    String thread = startDev();
    JsonNode step1 = sandbox.step(OPERATOR, thread, 1, ActionIds.SKIP);
    SandboxUnderTest.expectOk(sandbox.click(OPERATOR, step1, ActionIds.SKIP));
    JsonNode modal = awaitModal(OPERATOR);
    ObjectNode values = JSON.createObjectNode();
    values.putObject("reason").put("reason", "in a hurry");

    SandboxUnderTest.expectOk(
        sandbox.post(
            "submit",
            JSON.createObjectNode()
                .put("user", OPERATOR)
                .put("viewId", modal.path("id").asText())
                .set("values", values)));

    JsonNode still = sandbox.state(OPERATOR).path("modal");
    assertThat(still.path("id").asText()).isEqualTo(modal.path("id").asText());
    assertThat(still.path("errors").path("reason").asText()).contains("you started this rollout");
  }

  @Test
  void aPlainLineIsPostedAsTheUsersMessageAndOtherCommandsAreUnknown() throws Exception {
    sandbox.type(ANA, "deploying <b>now</b> & then");
    sandbox.type(ANA, "/deploy prod");

    List<JsonNode> seen = sandbox.messages(OPERATOR);
    assertThat(seen)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.path("user").asText()).isEqualTo(ANA);
              assertThat(m.path("text").asText())
                  .isEqualTo("deploying &lt;b&gt;now&lt;/b&gt; &amp; then");
            });
    assertThat(sandbox.messages(ANA))
        .last()
        .satisfies(
            m ->
                assertThat(m.path("text").asText())
                    .isEqualTo(
                        "`/deploy` is not a valid command. In the sandbox, Shepherd answers `/rollout`."));
  }

  @Test
  void pageRequestsMustBeJsonFromAKnownPerson() throws Exception {
    HttpResponse<String> form =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(sandbox.url() + "sandbox/api/message"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header(PageGuard.TOKEN_HEADER, sandbox.token())
                    .POST(
                        HttpRequest.BodyPublishers.ofString("user=U0OPERATOR&text=%2Frollout+dev"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> stranger =
        sandbox.post(
            "message", JSON.createObjectNode().put("user", "U0NOBODY").put("text", "/rollout dev"));

    assertThat(form.statusCode()).isEqualTo(415);
    assertThat(stranger.statusCode()).isEqualTo(400);
    assertThat(sandbox.messages(OPERATOR)).isEmpty();
  }

  @Test
  void pageIsServedWithAPolicyThatRunsOnlyItsOwnScripts() throws Exception {
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(sandbox.url())).build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            policy -> assertThat(policy).contains("script-src 'self'", "default-src 'none'"));
    assertThat(page.body()).contains("<script src=\"/sandbox.js\"></script>");
  }

  @Test
  void peopleAreTheOperatorTheConfigsApproversAndSomeoneElse() throws Exception {
    JsonNode people = sandbox.state(OPERATOR).path("people");

    assertThat(people.findValuesAsText("id"))
        .containsExactly(OPERATOR, ANA, SandboxUnderTest.BEN, "U0PRODLEAD", "U0PRODSRE", SOMEONE);
    assertThat(people.get(1).path("role").asText())
        .isEqualTo(
            "approves oam-secrets, operate-shepherd, rotate-gh-token; approver in the config of"
                + " prod");
    assertThat(people.get(3).path("role").asText()).isEqualTo("approver in the config of prod");
  }

  @Test
  void restartOnTheSameDataFolderResumesTheThread(@TempDir Path data) throws Exception {
    sandbox.close();
    sandbox = new SandboxUnderTest(Path.of("config/shepherd.yaml"), "runbooks", Optional.of(data));
    String thread = startDev();
    JsonNode step1 = sandbox.step(OPERATOR, thread, 1, ActionIds.DONE);
    sandbox.close();

    sandbox = new SandboxUnderTest(Path.of("config/shepherd.yaml"), "runbooks", Optional.of(data));
    SandboxUnderTest.expectOk(sandbox.click(OPERATOR, step1, ActionIds.DONE));

    sandbox.step(OPERATOR, thread, 2, ActionIds.APPROVE);
    assertThat(sandbox.messages(OPERATOR))
        .filteredOn(m -> m.path("threadTs").isNull() && !m.path("ephemeral").asBoolean())
        .hasSize(1);
  }

  private String startDev() throws Exception {
    sandbox.type(OPERATOR, "/rollout dev oam-secrets");
    return sandbox
        .await(
            OPERATOR,
            "the root message",
            m -> m.path("threadTs").isNull() && !m.path("ephemeral").asBoolean())
        .path("ts")
        .asText();
  }

  private JsonNode awaitModal(String user) throws Exception {
    return Awaiting.untilFound(
        "a modal opened for " + user,
        SandboxUnderTest.WAIT,
        () -> Optional.of(sandbox.state(user).path("modal")).filter(modal -> !modal.isNull()));
  }

  private static String valueOf(JsonNode message, String actionId) {
    for (JsonNode element : button(message, actionId).orElseThrow().path("elements")) {
      if (element.path("action_id").asText().equals(actionId)) {
        return element.path("value").asText();
      }
    }
    throw new AssertionError("no " + actionId);
  }
}
