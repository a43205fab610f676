package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static dev.shepherd.testing.ShepherdUnderTest.STRANGER;
import static dev.shepherd.testing.ShepherdUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.AuditVerifier;
import dev.shepherd.audit.Phase;
import dev.shepherd.config.AuditKeyReader;
import dev.shepherd.rollout.NoteRequest;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcAuditLog;
import dev.shepherd.testing.Awaiting;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.SignedRequests;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * <b>Redact from the record</b>, the message shortcut on a reply in a rollout's thread, through
 * signed Slack requests: the shortcut opens a modal for the reason, its submission records a
 * redaction, and the summary and the exported record show the redaction instead of the reply.
 */
@Timeout(120)
class RedactEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SAID = "logged in to ACME-CORP's tenant with password=hunter2hunter2";
  private final AtomicLong messageTs = new AtomicLong(1_764_300_000_000_100L);
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
  void theAuthorRedactsHerReplyThroughTheShortcutAndTheRecordShowsTheRedaction() throws Exception {
    String callback = shortcutInTheManifest("Redact from the record");
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    // Once step 1 is posted the thread is bound to the rollout: a reply lands as a note.
    shepherd.openStep(thread, 1);
    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);
    String reply = reply(ALICE, thread, SAID);

    assertThat(shortcut(callback, ALICE, reply, thread).statusCode()).isEqualTo(200);
    ObjectNode form = openedView(1);
    assertThat(form.path("callback_id").asText()).isEqualTo("shepherd.redact");
    assertThat(form.toString()).doesNotContain("ACME-CORP");
    HttpResponse<String> submitted = submit(ALICE, form, "V0REDACT1", "names a customer");

    assertThat(submitted.statusCode()).isEqualTo(200);
    assertThat(submitted.body()).isEmpty();
    Acknowledgement note = noteOf(rollout);
    assertThat(note.detail())
        .startsWith("[redacted by U0ALICE at ")
        .endsWith(": names a customer]");
    assertThat(shepherd.shepherd.rollouts().trail(rollout.id()))
        .filteredOn(a -> a.action() == Action.REDACT)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.user()).isEqualTo(ALICE);
              assertThat(r.detail()).isEqualTo("#" + note.id() + ": names a customer");
            });

    // The shortcut again: nothing to do, and it says who did it.
    shortcut(callback, ALICE, reply, thread);
    assertThat(openedView(2).toString())
        .contains("This note was already redacted by <@U0ALICE>", "names a customer");

    shepherd.walk(thread, 1, List.of());
    shepherd.click(ALICE, shepherd.openStep(thread, 2), ActionIds.APPROVE);
    shepherd.walk(thread, 2, 3, List.of());
    FakeSlack.Message summary = shepherd.summary("dev");
    assertThat(summary.allText()).doesNotContain("ACME-CORP").contains("redacted by U0ALICE");
    shepherd.click(OPERATOR, summary, ActionIds.EXPORT);
    shepherd.slack.await(
        "the record shared in the thread", calls -> !shepherd.slack.uploads().isEmpty(), WAIT);
    assertThat(shepherd.slack.uploads().get(0).content())
        .doesNotContain("ACME-CORP", "hunter2")
        .contains("  > [redacted by U0ALICE at ", ": names a customer]\n", " | redact | ");
    for (FakeSlack.Message message : shepherd.slack.messages()) {
      assertThat(message.allText()).doesNotContain("ACME-CORP");
    }
    try (Database database = Database.open(shepherd.dbUrl, "", "", null)) {
      assertThat(
              new AuditVerifier(
                      new JdbcAuditLog(database.dataSource()),
                      AuditKeyReader.forCheck(Map.of(), folder.resolve("data"), Optional.empty())
                          .keys())
                  .verify()
                  .clean())
          .isTrue();
    }
  }

  @Test
  void aStrangerIsToldWhyNotAndAMessageThatIsNoNoteIsSaidToBeNone() throws Exception {
    String callback = shortcutInTheManifest("Redact from the record");
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    // Once step 1 is posted the thread is bound to the rollout: a reply lands as a note.
    shepherd.openStep(thread, 1);
    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);
    String reply = reply(ALICE, thread, SAID);

    shortcut(callback, STRANGER, reply, thread);
    JsonNode answer =
        JSON.readTree(submit(STRANGER, openedView(1), "V0REDACT2", "I do not like it").body());

    assertThat(answer.path("response_action").asText()).isEqualTo("errors");
    assertThat(answer.path("errors").path("reason").asText())
        .isEqualTo(
            "only who wrote it (U0ALICE) or a keeper of dev may redact note "
                + noteOf(rollout).id()
                + " from the record");
    assertThat(noteOf(rollout).detail()).contains("ACME-CORP");

    shortcut(callback, ALICE, thread, null);
    assertThat(openedView(2).toString())
        .contains("This message is not a note on a rollout's record")
        .doesNotContain("callback_id");
  }

  @Test
  void aRefusedRedactionSentAgainIsStillRefusedAndNeverSaidToBeOffTheRecord() throws Exception {
    String callback = shortcutInTheManifest("Redact from the record");
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    shepherd.openStep(thread, 1);
    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);
    String reply = reply(ALICE, thread, SAID);
    long note = noteOf(rollout).id();
    String refused =
        "only who wrote it (U0ALICE) or a keeper of dev may redact note "
            + note
            + " from the record";

    shortcut(callback, STRANGER, reply, thread);
    ObjectNode form = openedView(1);
    // The same view submitted twice: the second is a duplicate of the recorded refusal.
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> submitted = submit(STRANGER, form, "V0REDACT4", "I do not like it");
      JsonNode answer = JSON.readTree(submitted.body());
      assertThat(answer.path("response_action").asText()).as(submitted.body()).isEqualTo("errors");
      assertThat(answer.path("errors").path("reason").asText()).isEqualTo(refused);
    }
    // The same command sent twice (one trigger, as when Slack retries it).
    String command = "redact " + rollout.id() + " " + note + " mine now";
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> answered =
          shepherd.requests.post(
              SignedRequests.commandBody(STRANGER, CHANNEL, command, "trigger-redact-again"),
              SignedRequests.now());
      assertThat(JSON.readTree(answered.body()).path("text").asText())
          .isEqualTo(":no_entry: " + refused)
          .doesNotContain("off the record");
    }

    assertThat(noteOf(rollout).detail()).contains("ACME-CORP");
    assertThat(shepherd.shepherd.rollouts().trail(rollout.id()))
        .filteredOn(a -> a.action() == Action.REDACT)
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.accepted()).isFalse());
  }

  @Test
  void aSymptomNoMessageHoldsIsRedactedWithTheCommandByItsNumberInTheExport() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);
    shepherd.click(OPERATOR, shepherd.openStep(thread, 1), ActionIds.FAIL);
    shepherd
        .shepherd
        .rollouts()
        .note(
            NoteRequest.symptom(
                rollout.id(),
                new NoteRequest.StepRef(Phase.FORWARD, 1),
                OPERATOR,
                SAID,
                List.of(),
                "symptom-1"));
    long symptom =
        shepherd.shepherd.rollouts().trail(rollout.id()).stream()
            .filter(a -> a.action() == Action.SYMPTOM)
            .findFirst()
            .orElseThrow()
            .id();

    assertThat(shepherd.command(OPERATOR, "redact " + rollout.id()))
        .startsWith(":question: redact takes a rollout id, the # of the note's row in its export");
    assertThat(
            shepherd.command(
                OPERATOR, "redact " + rollout.id() + " " + symptom + " \"names a customer\""))
        .isEqualTo(
            ":wastebasket: acknowledgement "
                + symptom
                + " is off the record: the thread, the summary and the exports show who redacted"
                + " it, when and why instead. Delete or edit the message in Slack yourself.");
    assertThat(
            shepherd.command(ALICE, "redact " + rollout.id() + " " + symptom + " a password too"))
        .startsWith(":information_source: This note was already redacted by <@U0OPERATOR>")
        .endsWith(": names a customer");

    assertThat(shepherd.shepherd.rollouts().trail(rollout.id()))
        .filteredOn(a -> a.id() == symptom)
        .singleElement()
        .extracting(Acknowledgement::detail)
        .asString()
        .startsWith("[redacted by U0OPERATOR at ")
        .doesNotContain("ACME-CORP");
  }

  @Test
  void theCommandIsRefusedToWhoCannotReadTheRolloutsPrivateChannel() throws Exception {
    shepherd.slack.channel(CHANNEL, true, true, List.of(OPERATOR, ALICE));
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    shepherd.openStep(thread, 1);
    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);
    String reply = reply(ALICE, thread, SAID);
    long note = noteOf(rollout).id();

    assertThat(shepherd.command(STRANGER, "redact " + rollout.id() + " " + note + " mine now"))
        .isEqualTo(
            ":no_entry: no rollout "
                + rollout.id()
                + " in a channel you can read: its notes are redacted by its channel's members");
    assertThat(shepherd.shepherd.rollouts().recordedReply(CHANNEL, reply).orElseThrow().detail())
        .contains("ACME-CORP");
    assertThat(shepherd.shepherd.rollouts().trail(rollout.id()))
        .noneMatch(a -> a.action() == Action.REDACT);
  }

  /** The callback id the app manifest gives the message shortcut of this name. */
  private static String shortcutInTheManifest(String name) throws Exception {
    Map<String, Object> manifest =
        new Yaml().load(Files.readString(Path.of("config/slack-app-manifest.yaml")));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> shortcuts =
        (List<Map<String, Object>>)
            ((Map<String, Object>) manifest.get("features")).get("shortcuts");
    return shortcuts.stream()
        .filter(s -> name.equals(s.get("name")) && "message".equals(s.get("type")))
        .map(s -> (String) s.get("callback_id"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the manifest has no message shortcut " + name));
  }

  private HttpResponse<String> shortcut(String callback, String user, String ts, String threadTs)
      throws Exception {
    HttpResponse<String> response =
        shepherd.requests.messageShortcut(user, callback, CHANNEL, ts, threadTs, ALICE, SAID);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response;
  }

  /** The view of the {@code count}-th views.open, once Shepherd has opened it. */
  private ObjectNode openedView(int count) throws Exception {
    List<FakeSlack.Call> opened =
        shepherd.slack.await(
            "views.open number " + count,
            calls -> shepherd.slack.calls("views.open").size() >= count,
            WAIT);
    assertThat(opened).isNotNull();
    return (ObjectNode)
        JSON.readTree(shepherd.slack.calls("views.open").get(count - 1).param("view"));
  }

  private HttpResponse<String> submit(String user, ObjectNode view, String viewId, String reason)
      throws Exception {
    return shepherd.requests.post(
        SignedRequests.viewSubmissionBody(user, viewId, view, Map.of("reason", reason)),
        SignedRequests.now());
  }

  private Acknowledgement noteOf(Rollout rollout) {
    return shepherd.shepherd.rollouts().trail(rollout.id()).stream()
        .filter(a -> a.action() == Action.NOTE)
        .findFirst()
        .orElseThrow();
  }

  /** Alice's reply in the thread, as the Events API delivers it, once it is on the record. */
  private String reply(String user, String threadTs, String text) throws Exception {
    long next = messageTs.addAndGet(100);
    String ts = next / 1_000_000 + "." + String.format("%06d", next % 1_000_000);
    ObjectNode root = JSON.createObjectNode();
    root.put("token", "unused")
        .put("team_id", "T0TEAM")
        .put("api_app_id", "A0SHEPHERD")
        .put("type", "event_callback")
        .put("event_id", "Ev" + next)
        .put("event_time", next / 1_000_000);
    root.putObject("event")
        .put("type", "message")
        .put("channel", CHANNEL)
        .put("user", user)
        .put("team", "T0TEAM")
        .put("text", text)
        .put("ts", ts)
        .put("thread_ts", threadTs)
        .put("event_ts", ts)
        .put("channel_type", "channel");
    assertThat(shepherd.requests.postJson(root.toString()).statusCode()).isEqualTo(200);
    Awaiting.until(
        "the reply on the record",
        WAIT,
        () -> shepherd.shepherd.rollouts().recordedReply(CHANNEL, ts).isPresent());
    return ts;
  }
}
