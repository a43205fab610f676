package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.BOB;
import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static dev.shepherd.testing.ShepherdUnderTest.STRANGER;
import static dev.shepherd.testing.ShepherdUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.rollout.NoteRequest;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.SignedRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shepherd as Slack uses it: signed HTTP requests in, Web API calls out to a fake Slack on
 * loopback, and assertions on what the channel would show.
 */
@Timeout(120)
class SlackEndToEndTest {
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
  void fullWalkDevStageProdWithApprovalsAndSummaries() throws Exception {
    for (String partition : List.of("dev", "stage", "prod")) {
      String ack = shepherd.command(OPERATOR, partition + " oam-secrets");
      assertThat(ack).isEqualTo("Starting oam-secrets on " + partition + "…");
      FakeSlack.Message root = shepherd.root(partition);
      List<String> approvers = partition.equals("prod") ? List.of(ALICE, BOB) : List.of(BOB);
      shepherd.walk(root.ts(), 3, approvers);
      FakeSlack.Message summary = shepherd.summary(partition);
      assertThat(summary.isTopLevel()).isTrue();
      assertThat(summary.allText())
          .contains(
              partition.equals("prod")
                  ? "prod was the last partition"
                  : "next: " + (partition.equals("dev") ? "stage" : "prod"));
    }
    List<Rollout> active = shepherd.shepherd.rollouts().active();
    assertThat(active).isEmpty();
    assertThat(shepherd.shepherd.rollouts().completed("oam-secrets"))
        .extracting(run -> run.partition())
        .containsExactly("dev", "stage", "prod");
  }

  @Test
  void prodRootMessageSaysItIsTheLastPartitionBeforeAnythingElse() throws Exception {
    shepherd.command(ALICE, "prod oam-secrets --override \"drill: exercising prod rules\"");

    FakeSlack.Message root = shepherd.root("prod");

    assertThat(root.allText()).contains("prod is the last partition");
    assertThat(root.allText()).contains("drill: exercising prod rules");
    assertThat(root.allText().indexOf("last partition"))
        .isLessThan(root.allText().indexOf("first rollout of oam-secrets"));
  }

  @Test
  void choreographyRefusalIsTheEphemeralAnswerAndPostsNothing() throws Exception {
    String ack = shepherd.command(OPERATOR, "prod oam-secrets");

    assertThat(ack).contains("oam-secrets has not completed on dev, stage");
    // The marker: a later command that must post. Once dev's root is in the channel, a post the
    // refused command had caused would have come first; every post so far is dev's.
    assertThat(shepherd.command(OPERATOR, "dev oam-secrets")).startsWith("Starting");
    String dev = shepherd.root("dev").ts();
    assertThat(shepherd.slack.calls("chat.postMessage"))
        .allSatisfy(
            c ->
                assertThat(c.ts().equals(dev) || c.param("thread_ts").equals(dev))
                    .as("a post that is not dev's: %s", c)
                    .isTrue());
    assertThat(shepherd.shepherd.rollouts().active())
        .extracting(Rollout::partition)
        .containsExactly("dev");
  }

  @Test
  void failedStepShowsTroubleshootingAndRollbackAtOnceThenRollsBack() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    shepherd.walk(thread, 1, List.of());
    FakeSlack.Message step2 = shepherd.openStep(thread, 2);
    shepherd.click(BOB, step2, ActionIds.APPROVE);
    shepherd.click(OPERATOR, step2, ActionIds.DONE);
    FakeSlack.Message step3 = shepherd.openStep(thread, 3);

    shepherd.click(OPERATOR, step3, ActionIds.FAIL);

    FakeSlack.Message failure =
        shepherd.await(
            "the failure message",
            m -> thread.equals(m.threadTs()) && m.button(ActionIds.RETRY).isPresent());
    assertThat(failure.allText())
        .contains(
            "smoke test hangs",
            "the service has not restarted",
            "restart it, rerun",
            "./amm.sh restart --partition dev");
    assertThat(failure.button(ActionIds.ROLLBACK)).isPresent();
    assertThat(failure.button(ActionIds.ABORT)).isPresent();

    shepherd.click(OPERATOR, failure, ActionIds.ROLLBACK);
    // the walk back: step 3 (failed), then 2 and 1, newest first
    for (int position = 1; position <= 3; position++) {
      int expected = position;
      FakeSlack.Message back =
          shepherd.await(
              "rollback step " + position,
              m ->
                  thread.equals(m.threadTs())
                      && m.button(ActionIds.DONE)
                          .map(
                              v ->
                                  v.matches(
                                      ".+:rollback:"
                                          + expected
                                          + ShepherdUnderTest.STEP_FINGERPRINT))
                          .orElse(false));
      if (back.button(ActionIds.APPROVE).isPresent()) {
        shepherd.click(ALICE, back, ActionIds.APPROVE);
      }
      shepherd.click(OPERATOR, back, ActionIds.DONE);
    }
    FakeSlack.Message summary = shepherd.summary("dev");
    assertThat(summary.allText().toLowerCase()).contains("rolled back");
    assertThat(
            shepherd.find(m -> m.ts().equals(failure.ts())).orElseThrow().button(ActionIds.RETRY))
        .as("the failure's buttons are gone once acted on")
        .isEmpty();
  }

  @Test
  void summaryIsPostedBeforeTheOpenStepLosesItsButtonsWhenTheRolloutEnds() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    FakeSlack.Message open = shepherd.openStep(thread, 1);

    assertThat(shepherd.command(OPERATOR, "abort dev")).contains("Aborting");
    shepherd.summary("dev");
    shepherd.await(
        "step 1 without its buttons, saying why",
        m ->
            m.ts().equals(open.ts())
                && m.button(ActionIds.DONE).isEmpty()
                && m.allText().contains("the rollout is"));

    List<FakeSlack.Call> calls = shepherd.slack.calls();
    int summary = -1;
    int redraw = -1;
    for (int i = 0; i < calls.size(); i++) {
      FakeSlack.Call call = calls.get(i);
      if (summary < 0
          && call.method().equals("chat.postMessage")
          && call.param("thread_ts").isEmpty()
          && ShepherdUnderTest.isSummary(
              new FakeSlack.Message(call.ts(), "", "", call.param("text"), call.blocks(), ""))) {
        summary = i;
      }
      if (redraw < 0
          && call.method().equals("chat.update")
          && call.param("ts").equals(open.ts())
          && call.blocks().toString().contains("the rollout is")) {
        redraw = i;
      }
    }
    assertThat(summary).as("the summary's call").isNotNegative();
    assertThat(summary).as("the summary comes before the step is redrawn").isLessThan(redraw);
  }

  @Test
  void operatorApprovingOwnStepIsRefusedPrivatelyAndNothingChanges() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    shepherd.walk(thread, 1, List.of());
    FakeSlack.Message step2 = shepherd.openStep(thread, 2);
    // No settling sleep: one sync draws the root, then the steps in order, so step 1's redraw
    // (awaited by walk) and step 2's post (awaited by openStep) were that sync's last draws.
    long drawn =
        shepherd.slack.calls().stream()
            .filter(c -> c.method().equals("chat.postMessage") || c.method().equals("chat.update"))
            .count();

    shepherd.click(OPERATOR, step2, ActionIds.APPROVE);
    shepherd.click(STRANGER, step2, ActionIds.DONE);

    List<FakeSlack.Call> ephemerals =
        shepherd
            .slack
            .await(
                "two ephemeral refusals",
                calls ->
                    calls.stream().filter(c -> c.method().equals("chat.postEphemeral")).count()
                        == 2,
                WAIT)
            .stream()
            .filter(c -> c.method().equals("chat.postEphemeral"))
            .toList();
    // Each refusal is told on its own after the ack, so they may arrive in either order.
    assertThat(ephemerals)
        .filteredOn(c -> c.param("user").equals(OPERATOR))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.param("text"))
                    .contains(
                        "you started this rollout, so someone" + " else must approve its steps"));
    assertThat(ephemerals)
        .filteredOn(c -> c.param("user").equals(STRANGER))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.param("text"))
                    .contains("only the operator (<@U0OPERATOR>) or an approver"));
    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);
    assertThat(rollout.currentStep().orElseThrow().approvedBy()).isEmpty();
    assertThat(rollout.currentStep().orElseThrow().position()).isEqualTo(2);
    // The marker: a note recorded behind the Slack adapter's back, which only a sweep draws (on
    // step 2's message). Once it is drawn, a sweep has looked at the thread after the refusals.
    shepherd
        .shepherd
        .rollouts()
        .note(
            new NoteRequest(
                rollout.id(), Optional.empty(), ALICE, "a marker", List.of(), "marker-note"));
    shepherd.slack.await(
        "a sweep drawing the marker note on step 2",
        calls ->
            calls.stream()
                .filter(
                    c -> c.method().equals("chat.postMessage") || c.method().equals("chat.update"))
                .skip(drawn)
                .anyMatch(c -> c.param("ts").equals(step2.ts())),
        WAIT);
    assertThat(
            shepherd.slack.calls().stream()
                .filter(
                    c -> c.method().equals("chat.postMessage") || c.method().equals("chat.update"))
                .skip(drawn)
                .toList())
        .as("posts and updates after two refused clicks, but for the marker note")
        .singleElement()
        .satisfies(c -> assertThat(c.param("ts")).isEqualTo(step2.ts()));
  }

  @Test
  void doubleClickAndSlackRetryCountOnce() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    FakeSlack.Message step1 = shepherd.openStep(thread, 1);
    String value = step1.button(ActionIds.DONE).orElseThrow();
    String actionTs = shepherd.requests.nextActionTs();

    // the same delivery twice (a retry), then a second click (a double click)
    shepherd.requests.click(OPERATOR, CHANNEL, step1.ts(), thread, ActionIds.DONE, value, actionTs);
    shepherd.requests.click(OPERATOR, CHANNEL, step1.ts(), thread, ActionIds.DONE, value, actionTs);
    shepherd.requests.click(OPERATOR, CHANNEL, step1.ts(), thread, ActionIds.DONE, value);

    shepherd.openStep(thread, 2);
    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);
    List<Acknowledgement> trail = shepherd.shepherd.rollouts().trail(rollout.id());
    assertThat(trail).filteredOn(a -> a.action() == Action.DONE && a.accepted()).hasSize(1);
    assertThat(trail)
        .filteredOn(a -> a.action() == Action.DONE && !a.accepted())
        .singleElement()
        .satisfies(a -> assertThat(a.detail()).startsWith("step 1 (Check for drift) is done"));
    assertThat(shepherd.slack.messages())
        .filteredOn(m -> thread.equals(m.threadTs()) && m.allText().contains("Check for drift"))
        .hasSize(1);
  }

  @Test
  void rateLimitStormLosesAndReordersNothing() throws Exception {
    shepherd.slack.failNext("chat.postMessage", 4, 429, 1);
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();

    shepherd.walk(thread, 3, List.of(BOB));
    shepherd.summary("dev");

    assertThat(shepherd.slack.calls("chat.postMessage"))
        .filteredOn(c -> c.ts().startsWith("failed:429"))
        .hasSize(4);
    List<FakeSlack.Message> inThread =
        shepherd.slack.messages().stream().filter(m -> thread.equals(m.threadTs())).toList();
    assertThat(inThread).extracting(m -> m.button(ActionIds.DONE).isPresent()).containsOnly(false);
    assertThat(inThread.stream().map(FakeSlack.Message::allText).toList())
        .satisfies(
            texts -> {
              assertThat(texts).hasSize(3);
              assertThat(texts.get(0)).contains("Check for drift");
              assertThat(texts.get(1)).contains("Deploy the stack");
              assertThat(texts.get(2)).contains("Smoke test");
            });
  }

  @Test
  void restartMidRolloutResumesInTheSameThread(@TempDir Path data) throws Exception {
    shepherd.close();
    String file = "jdbc:h2:file:" + data.resolve("shepherd").toAbsolutePath();
    shepherd = new ShepherdUnderTest(folder.resolve("again"), new FakeSlack(), file);
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    shepherd.walk(thread, 1, List.of());
    shepherd.openStep(thread, 2);

    shepherd.stop();
    shepherd.start();

    shepherd.walk(thread, 2, 3, List.of(ALICE));
    shepherd.summary("dev");
    assertThat(shepherd.slack.messages())
        .filteredOn(m -> m.isTopLevel() && !ShepherdUnderTest.isSummary(m))
        .hasSize(1);
    assertThat(shepherd.slack.messages()).filteredOn(m -> thread.equals(m.threadTs())).hasSize(3);
  }

  @Test
  void skipOpensAModalAndTheReasonIsRecorded() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    FakeSlack.Message step1 = shepherd.openStep(thread, 1);

    shepherd.click(ALICE, step1, ActionIds.SKIP);

    FakeSlack.Call open =
        shepherd
            .slack
            .await(
                "views.open",
                calls -> calls.stream().anyMatch(c -> c.method().equals("views.open")),
                WAIT)
            .stream()
            .filter(c -> c.method().equals("views.open"))
            .findFirst()
            .orElseThrow();
    assertThat(open.param("view")).contains("shepherd.skip");
    String metadata = step1.button(ActionIds.SKIP).orElseThrow();
    HttpResponse<String> submitted =
        shepherd.requests.post(
            SignedRequests.formBody(
                Map.of(
                    "payload",
                    viewSubmission(ALICE, metadata, "drift check ran in CI an hour ago"))),
            SignedRequests.now());
    assertThat(submitted.statusCode()).isEqualTo(200);

    shepherd.openStep(thread, 2);
    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);
    assertThat(rollout.steps().get(0).reason()).contains("drift check ran in CI an hour ago");
  }

  static String viewSubmission(String user, String metadata, String reason) {
    return "{\"type\":\"view_submission\",\"team\":{\"id\":\"T0TEAM\",\"domain\":\"example\"},"
        + "\"user\":{\"id\":\""
        + user
        + "\",\"username\":\"x\",\"team_id\":\"T0TEAM\"},"
        + "\"api_app_id\":\"A0SHEPHERD\",\"token\":\"unused\",\"trigger_id\":\"t-1\","
        + "\"view\":{\"id\":\"V0VIEW1\",\"team_id\":\"T0TEAM\",\"type\":\"modal\",\"callback_id\":\"shepherd.skip\","
        + "\"private_metadata\":\""
        + metadata
        + "\",\"hash\":\"h\",\"blocks\":[],"
        + "\"state\":{\"values\":{\"reason\":{\"reason\":{\"type\":\"plain_text_input\",\"value\":\""
        + reason
        + "\"}}}}}}";
  }

  @Test
  void metricsMoveAfterARolloutAndTheProbesAnswer() throws Exception {
    String before = get("/metrics");
    assertThat(before).doesNotContain("shepherd_rollouts_started_total{partition=\"dev\"}");

    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    shepherd.walk(thread, 1, List.of());
    shepherd.click(OPERATOR, shepherd.openStep(thread, 2), ActionIds.APPROVE);
    shepherd.walk(thread, 2, 3, List.of(BOB));
    shepherd.summary("dev");

    String after = get("/metrics");
    assertThat(after)
        .contains(
            "shepherd_rollouts_started_total{partition=\"dev\"} 1.0",
            "shepherd_rollouts_ended_total{outcome=\"completed\",partition=\"dev\"} 1.0",
            "shepherd_actions_total{action=\"done\",outcome=\"accepted\",reason=\"none\"} 3.0",
            "shepherd_actions_total{action=\"approve\",outcome=\"refused\",reason=\"self_approval\"} 1.0",
            "shepherd_steps_duration_seconds_count{partition=\"dev\",phase=\"forward\"} 3",
            "shepherd_slack_calls_total{method=\"chat.postMessage\",status=\"ok\"}",
            "shepherd_slack_ack_seconds_bucket{status=\"200\",le=",
            "jvm_memory_used_bytes",
            "hikaricp_connections");
    assertThat(get("/healthz")).isEqualTo("ok\n");
    assertThat(get("/readyz")).isEqualTo("ready\n");
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + shepherd.shepherd.port() + path))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  @Test
  void statusAndListAnswerWithWhatIsGoingOn() throws Exception {
    shepherd.command(OPERATOR, "dev");
    String thread = shepherd.root("dev").ts();
    shepherd.openStep(thread, 1);

    String status = shepherd.command(BOB, "status");
    String list = shepherd.command(BOB, "list");

    assertThat(status)
        .contains(
            "*dev*: oam-secrets by <@U0OPERATOR>",
            "step 1/3",
            "https://slack.com/archives/C0DEPLOYS/p" + thread.replace(".", ""));
    assertThat(list).contains("*oam-secrets*", "dev ·");
    assertThat(shepherd.command(BOB, "help")).contains("/rollout status");
    assertThat(shepherd.command(BOB, "abort")).contains("abort takes one partition");
  }

  @Test
  void freezeRefusesStartsUntilUnfrozen() throws Exception {
    assertThat(shepherd.command(ALICE, "freeze dev holiday freeze")).contains("dev is frozen");

    assertThat(shepherd.command(OPERATOR, "dev"))
        .contains("dev is frozen by <@U0ALICE>", "holiday freeze");

    assertThat(shepherd.command(BOB, "unfreeze dev")).contains("open for rollouts again");
    assertThat(shepherd.command(OPERATOR, "dev")).contains("Starting oam-secrets on dev");
  }

  @Test
  void abortFromTheCommandLineEndsTheRolloutWithASummary() throws Exception {
    shepherd.command(OPERATOR, "dev");
    shepherd.root("dev");

    assertThat(shepherd.command(OPERATOR, "abort dev")).contains("Aborting");

    assertThat(shepherd.summary("dev").allText().toLowerCase()).contains("aborted");
  }
}
