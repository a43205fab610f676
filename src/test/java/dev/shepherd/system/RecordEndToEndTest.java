package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.BOB;
import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static dev.shepherd.testing.ShepherdUnderTest.SECRET;
import static dev.shepherd.testing.ShepherdUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Evidence;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record through signed Slack requests: a reply in the rollout's thread (Events API, retried
 * once) and a note from the Add note modal land on the right step, show on the step message and in
 * the summary, and are in the Markdown the Export record button shares in the thread.
 */
@Timeout(120)
class RecordEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicLong messageTs = new AtomicLong(1_764_100_000_000_100L);
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
  void repliesAndModalNotesAreOnTheStepTheSummaryAndTheExport() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    FakeSlack.Message step1 = shepherd.openStep(thread, 1);
    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);

    String reply =
        message(
            ALICE, thread, "drift check clean, see <https://ci.example.com/runs/7|CI run 7>", true);
    assertThat(event(reply, null).statusCode()).isEqualTo(200);
    assertThat(event(reply, "1").statusCode()).isEqualTo(200); // Slack's retry of the same event
    shepherd.await(
        "step 1 saying it has a note",
        m -> m.ts().equals(step1.ts()) && m.allText().contains(":memo: 1 note on the record"));

    shepherd.click(BOB, step1, ActionIds.NOTE);
    FakeSlack.Call open =
        shepherd
            .slack
            .await(
                "the note modal",
                calls -> calls.stream().anyMatch(c -> c.method().equals("views.open")),
                WAIT)
            .stream()
            .filter(c -> c.method().equals("views.open"))
            .findFirst()
            .orElseThrow();
    assertThat(open.param("view")).contains("shepherd.note");
    HttpResponse<String> submitted =
        shepherd.requests.post(
            SignedRequests.formBody(
                Map.of(
                    "payload",
                    noteSubmission(
                        BOB,
                        step1.button(ActionIds.NOTE).orElseThrow(),
                        "ran it again by hand: No drift detected"))),
            SignedRequests.now());
    assertThat(submitted.statusCode()).isEqualTo(200);
    shepherd.await(
        "step 1 saying it has two notes",
        m -> m.ts().equals(step1.ts()) && m.allText().contains(":memo: 2 notes on the record"));

    List<Acknowledgement> notes =
        shepherd.shepherd.rollouts().trail(rollout.id()).stream()
            .filter(a -> a.action() == Action.NOTE)
            .toList();
    assertThat(notes).extracting(Acknowledgement::user).containsExactly(ALICE, BOB);
    assertThat(notes).allSatisfy(n -> assertThat(n.position()).contains(1));
    assertThat(notes.get(0).detail())
        .isEqualTo("drift check clean, see CI run 7 (https://ci.example.com/runs/7)");
    assertThat(notes.get(0).evidence())
        .containsExactly(
            Evidence.link("https://ci.example.com/runs/7"),
            Evidence.file(
                "drift.txt", "https://example.slack.com/files/U0ALICE/F0DRIFT/drift.txt"));

    shepherd.walk(thread, 1, List.of());
    shepherd.click(ALICE, shepherd.openStep(thread, 2), ActionIds.APPROVE);
    shepherd.walk(thread, 2, 3, List.of());
    FakeSlack.Message summary = shepherd.summary("dev");
    assertThat(summary.allText())
        .contains(
            ":memo: *Notes and evidence*",
            "step 1 (Check for drift) — <@U0ALICE>",
            "drift check clean, see CI run 7",
            "(2 links and files)",
            "step 1 (Check for drift) — <@U0BOB>",
            "ran it again by hand: No drift detected");

    shepherd.click(OPERATOR, summary, ActionIds.EXPORT);
    shepherd.slack.await(
        "the record shared in the thread", calls -> !shepherd.slack.uploads().isEmpty(), WAIT);
    FakeSlack.Upload upload = shepherd.slack.uploads().get(0);
    assertThat(upload.channel()).isEqualTo(CHANNEL);
    assertThat(upload.threadTs()).isEqualTo(thread);
    assertThat(upload.filename()).isEqualTo("oam-secrets-dev-" + rollout.id() + ".md");
    assertThat(upload.comment())
        .isEqualTo("Change record of this rollout, exported by <@U0OPERATOR>");
    assertThat(upload.content())
        .startsWith("# Change record: Roll out OAM secrets\n")
        .contains(
            "### Step 1: Check for drift (done)\n",
            "- Note by U0ALICE at ",
            "  > drift check clean, see CI run 7 (https://ci.example.com/runs/7)\n",
            "  - file [drift.txt](https://example.slack.com/files/U0ALICE/F0DRIFT/drift.txt)\n",
            "- Note by U0BOB at ",
            "  > ran it again by hand: No drift detected\n");
  }

  @Test
  void whatDidYouSeeOnAFailureIsItsSymptomOnTheRecord() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    shepherd.click(OPERATOR, shepherd.openStep(thread, 1), ActionIds.FAIL);
    FakeSlack.Message failure =
        shepherd.await(
            "the failure message",
            m ->
                thread.equals(m.threadTs())
                    && m.allText().contains("Step 1 failed")
                    && m.button(ActionIds.SYMPTOM).isPresent());
    assertThat(failure.allText()).contains("What did you see?");

    shepherd.click(OPERATOR, failure, ActionIds.SYMPTOM);
    FakeSlack.Call open =
        shepherd
            .slack
            .await(
                "the symptom modal",
                calls -> calls.stream().anyMatch(c -> c.method().equals("views.open")),
                WAIT)
            .stream()
            .filter(c -> c.method().equals("views.open"))
            .findFirst()
            .orElseThrow();
    assertThat(open.param("view")).contains("shepherd.symptom", "What did you see?");
    String submission =
        noteSubmission(
                OPERATOR,
                failure.button(ActionIds.SYMPTOM).orElseThrow(),
                "AccessDenied on describe-stacks")
            .replace("shepherd.note", "shepherd.symptom");
    assertThat(
            shepherd
                .requests
                .post(SignedRequests.formBody(Map.of("payload", submission)), SignedRequests.now())
                .statusCode())
        .isEqualTo(200);

    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);
    shepherd.slack.await(
        "the symptom recorded",
        calls ->
            shepherd.shepherd.rollouts().trail(rollout.id()).stream()
                .anyMatch(a -> a.action() == Action.SYMPTOM),
        WAIT);
    assertThat(shepherd.shepherd.rollouts().trail(rollout.id()))
        .filteredOn(a -> a.action() == Action.SYMPTOM)
        .singleElement()
        .satisfies(
            symptom -> {
              assertThat(symptom.detail()).isEqualTo("AccessDenied on describe-stacks");
              assertThat(symptom.position()).contains(1);
              assertThat(symptom.user()).isEqualTo(OPERATOR);
            });
  }

  @Test
  void withoutFilesWriteTheRecordIsPostedInTheThreadAsText() throws Exception {
    shepherd.slack.denyFiles();
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    shepherd.walk(thread, 1, List.of());
    shepherd.click(ALICE, shepherd.openStep(thread, 2), ActionIds.APPROVE);
    shepherd.walk(thread, 2, 3, List.of());
    Rollout rollout =
        shepherd
            .shepherd
            .rollouts()
            .find(shepherd.shepherd.rollouts().endedSince(Duration.ofHours(1)).get(0))
            .orElseThrow();

    shepherd.click(OPERATOR, shepherd.summary("dev"), ActionIds.EXPORT);

    FakeSlack.Message posted =
        shepherd.await(
            "the record as text in the thread",
            m ->
                thread.equals(m.threadTs())
                    && m.text().startsWith("Change record of this rollout"));
    assertThat(posted.text())
        .contains(
            "the app lacks files:write, so as text; whole with"
                + " `shepherd audit export "
                + rollout.id()
                + "`",
            "# Change record: Roll out OAM secrets");
    assertThat(shepherd.slack.uploads()).isEmpty();
  }

  @Test
  void whatIsNotAPersonsReplyInARolloutThreadRecordsNothing() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    shepherd.openStep(thread, 1);
    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);

    assertThat(
            event(message(ALICE, "1700000000.000001", "unrelated thread", false), null)
                .statusCode())
        .isEqualTo(200);
    assertThat(event(message(ALICE, null, "top-level chatter", false), null).statusCode())
        .isEqualTo(200);
    ObjectNode bot = (ObjectNode) JSON.readTree(message("U0SHEPHERD", thread, "a step", false));
    ((ObjectNode) bot.path("event")).put("bot_id", "B0SHEPHERD");
    assertThat(event(bot.toString(), null).statusCode()).isEqualTo(200);
    ObjectNode edit = (ObjectNode) JSON.readTree(message(ALICE, thread, "edited", false));
    ((ObjectNode) edit.path("event")).put("subtype", "message_changed");
    assertThat(event(edit.toString(), null).statusCode()).isEqualTo(200);
    // A real reply after them: once it is recorded, the ones before it were handled too.
    event(message(ALICE, thread, "the only note", false), null);
    shepherd.slack.await(
        "the one note",
        calls ->
            shepherd.shepherd.rollouts().trail(rollout.id()).stream()
                .anyMatch(a -> a.action() == Action.NOTE),
        WAIT);

    assertThat(shepherd.shepherd.rollouts().trail(rollout.id()))
        .filteredOn(a -> a.action() == Action.NOTE)
        .extracting(Acknowledgement::detail)
        .containsExactly("the only note");
  }

  /** An Events API message event, as Slack sends one for a message in the channel. */
  private String message(String user, String threadTs, String text, boolean withFile) {
    long next = messageTs.addAndGet(100);
    String ts = next / 1_000_000 + "." + String.format("%06d", next % 1_000_000);
    ObjectNode root = JSON.createObjectNode();
    root.put("token", "unused")
        .put("team_id", "T0TEAM")
        .put("api_app_id", "A0SHEPHERD")
        .put("type", "event_callback")
        .put("event_id", "Ev" + next)
        .put("event_time", next / 1_000_000);
    ObjectNode event = root.putObject("event");
    event
        .put("type", "message")
        .put("channel", CHANNEL)
        .put("user", user)
        .put("text", text)
        .put("ts", ts)
        .put("event_ts", ts)
        .put("channel_type", "channel");
    if (threadTs != null) {
      event.put("thread_ts", threadTs);
    }
    if (withFile) {
      event.put("subtype", "file_share");
      event
          .putArray("files")
          .addObject()
          .put("id", "F0DRIFT")
          .put("name", "drift.txt")
          .put("title", "drift.txt")
          .put("permalink", "https://example.slack.com/files/U0ALICE/F0DRIFT/drift.txt");
    }
    root.putArray("authorizations")
        .addObject()
        .put("team_id", "T0TEAM")
        .put("user_id", "U0SHEPHERD")
        .put("is_bot", true);
    return root.toString();
  }

  /** POSTs an event signed as Slack signs it; a retry carries X-Slack-Retry-Num. */
  private HttpResponse<String> event(String body, String retryNum) throws Exception {
    String timestamp = SignedRequests.now();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(shepherd.eventsUrl()))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("X-Slack-Request-Timestamp", timestamp)
            .header("X-Slack-Signature", SignedRequests.sign(SECRET, timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (retryNum != null) {
      request.header("X-Slack-Retry-Num", retryNum).header("X-Slack-Retry-Reason", "http_timeout");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String noteSubmission(String user, String metadata, String text) {
    ObjectNode payload = JSON.createObjectNode();
    payload
        .put("type", "view_submission")
        .put("api_app_id", "A0SHEPHERD")
        .put("token", "unused")
        .put("trigger_id", "t-2");
    payload.putObject("team").put("id", "T0TEAM").put("domain", "example");
    payload.putObject("user").put("id", user).put("username", "x").put("team_id", "T0TEAM");
    ObjectNode view = payload.putObject("view");
    view.put("id", "V0NOTE1")
        .put("team_id", "T0TEAM")
        .put("type", "modal")
        .put("callback_id", "shepherd.note")
        .put("private_metadata", metadata)
        .put("hash", "h");
    view.putArray("blocks");
    view.putObject("state")
        .putObject("values")
        .putObject("note")
        .putObject("note")
        .put("type", "plain_text_input")
        .put("value", text);
    return payload.toString();
  }
}
