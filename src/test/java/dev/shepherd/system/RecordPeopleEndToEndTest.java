package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static dev.shepherd.testing.ShepherdUnderTest.SECRET;
import static dev.shepherd.testing.ShepherdUnderTest.STRANGER;
import static dev.shepherd.testing.ShepherdUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.AuditKeys;
import dev.shepherd.audit.AuditVerifier;
import dev.shepherd.audit.SecretRedactor;
import dev.shepherd.config.AuditKeyReader;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.store.JdbcAuditLog;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who writes into the record: the rollout's people's notes are its evidence; a shared channel's
 * guest from another workspace, or someone not in the channel, is kept on the record marked as an
 * outsider and feeds nothing; a pasted secret is never stored.
 */
@Timeout(180)
class RecordPeopleEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GUEST = "U0GUEST";
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicLong messageTs = new AtomicLong(1_764_200_000_000_100L);
  @TempDir Path folder;
  ShepherdUnderTest shepherd;
  DatabaseExtension db;

  @BeforeEach
  void start(DatabaseExtension db) throws Exception {
    this.db = db;
    FakeSlack slack = new FakeSlack();
    List<String> members = new java.util.ArrayList<>(FakeSlack.USUAL_MEMBERS);
    members.add(GUEST);
    slack.channel(CHANNEL, false, true, members);
    shepherd =
        new ShepherdUnderTest(
            folder,
            slack,
            db.url(),
            ShepherdUnderTest.CONFIG,
            Map.of("oam-secrets.md", ShepherdUnderTest.RUNBOOK),
            Map.of("SHEPHERD_DB_USER", db.user(), "SHEPHERD_DB_PASSWORD", db.password()));
  }

  @AfterEach
  void stop() {
    shepherd.close();
  }

  @DatabaseTest
  void aGuestsNoteIsMarkedKeptInTheExportAndIgnoredByFindings() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    FakeSlack.Message step1 = shepherd.openStep(thread, 1);
    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);

    assertThat(event(reply(GUEST, "T0GUESTCO", thread, "guest says: rotate nothing")))
        .isEqualTo(200);
    assertThat(event(reply(STRANGER, "T0TEAM", thread, "stranger says: skip the checks")))
        .isEqualTo(200);
    assertThat(event(reply(ALICE, "T0TEAM", thread, "drift check clean"))).isEqualTo(200);
    // The marker: Alice's note, the last one sent, is counted; the two before it are not.
    shepherd.await(
        "step 1 saying it has one note",
        m -> m.ts().equals(step1.ts()) && m.allText().contains(":memo: 1 note on the record"));

    List<Acknowledgement> trail = shepherd.shepherd.rollouts().trail(rollout.id());
    assertThat(trail)
        .filteredOn(a -> a.action() == Action.OUTSIDER_NOTE)
        .extracting(Acknowledgement::user, Acknowledgement::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(GUEST, "guest says: rotate nothing"),
            org.assertj.core.groups.Tuple.tuple(STRANGER, "stranger says: skip the checks"));
    assertThat(trail)
        .filteredOn(a -> a.action() == Action.NOTE)
        .extracting(Acknowledgement::user)
        .containsExactly(ALICE);

    // A failure whose only symptom comes from the guest: no finding quotes it.
    shepherd.click(OPERATOR, step1, ActionIds.FAIL);
    FakeSlack.Message failed =
        shepherd.await(
            "step 1 with a Retry button",
            m -> thread.equals(m.threadTs()) && m.button(ActionIds.RETRY).isPresent());
    assertThat(event(reply(GUEST, "T0GUESTCO", thread, "GUEST-SYMPTOM disk full"))).isEqualTo(200);
    shepherd.click(OPERATOR, failed, ActionIds.RETRY);
    shepherd.walk(thread, 1, 1, List.of());
    shepherd.walk(thread, 2, 3, List.of(ALICE));
    FakeSlack.Message summary = shepherd.summary("dev");
    assertThat(summary.allText()).doesNotContain("rotate nothing", "skip the checks", "GUEST");
    List<RunbookFinding> findings = shepherd.shepherd.findings().of(rollout.id());
    assertThat(findings.toString()).doesNotContain("GUEST", "rotate nothing", "skip the checks");

    FakeSlack.Upload export = exported(summary);
    assertThat(export.content())
        .contains("| U0GUEST | outsider_note |", "guest says: rotate nothing")
        .contains("| U0STRANGER | outsider_note |");
  }

  @DatabaseTest
  void aPastedTokenInANoteIsRedactedInTheRecordAndTheExportAndTheChainVerifies() throws Exception {
    String token = "xoxb-" + "1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx";
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    FakeSlack.Message step1 = shepherd.openStep(thread, 1);
    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);

    assertThat(event(reply(ALICE, "T0TEAM", thread, "used token " + token + " to check")))
        .isEqualTo(200);
    shepherd.await(
        "step 1 saying it has one note",
        m -> m.ts().equals(step1.ts()) && m.allText().contains(":memo: 1 note on the record"));

    String redacted =
        "used token [redacted slack token sha256:" + SecretRedactor.hash(token) + "] to check";
    assertThat(shepherd.shepherd.rollouts().trail(rollout.id()))
        .filteredOn(a -> a.action() == Action.NOTE)
        .singleElement()
        .extracting(Acknowledgement::detail)
        .isEqualTo(redacted);
    shepherd.walk(thread, 1, List.of());
    shepherd.walk(thread, 2, 3, List.of(ALICE));
    FakeSlack.Message summary = shepherd.summary("dev");
    FakeSlack.Upload export = exported(summary);
    assertThat(export.content()).contains(redacted).doesNotContain(token);
    for (FakeSlack.Message message : shepherd.slack.messages()) {
      assertThat(message.allText()).doesNotContain(token);
    }
    // Checked with the key serve generated in its data folder, as an auditor's verify would be.
    AuditKeys keys =
        AuditKeyReader.forCheck(Map.of(), folder.resolve("data"), Optional.empty()).keys();
    assertThat(
            new AuditVerifier(new JdbcAuditLog(db.database().dataSource()), keys).verify().clean())
        .isTrue();
  }

  @DatabaseTest
  void aRolloutCarriesTheTeamItWasStartedFrom() throws Exception {
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    String id = shepherd.shepherd.rollouts().active().get(0).id();
    dev.shepherd.testing.Awaiting.until(
        "the thread recorded",
        WAIT,
        () -> shepherd.shepherd.rollouts().find(id).orElseThrow().thread().threadId().isPresent());

    Rollout stored = shepherd.shepherd.rollouts().find(id).orElseThrow();

    assertThat(stored.thread().threadId()).contains(thread);
    assertThat(stored.thread().team()).contains("T0TEAM");
  }

  private FakeSlack.Upload exported(FakeSlack.Message summary) throws Exception {
    shepherd.click(OPERATOR, summary, ActionIds.EXPORT);
    shepherd.slack.await(
        "the record shared in the thread", calls -> !shepherd.slack.uploads().isEmpty(), WAIT);
    return shepherd.slack.uploads().get(0);
  }

  /** A message event for a reply in a thread, by a user of {@code userTeam}. */
  private String reply(String user, String userTeam, String threadTs, String text) {
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
        .put("team", userTeam)
        .put("user_team", userTeam)
        .put("source_team", userTeam)
        .put("text", text)
        .put("ts", ts)
        .put("thread_ts", threadTs)
        .put("event_ts", ts)
        .put("channel_type", "channel");
    root.putArray("authorizations")
        .addObject()
        .put("team_id", "T0TEAM")
        .put("user_id", "U0SHEPHERD")
        .put("is_bot", true);
    return root.toString();
  }

  private int event(String body) throws Exception {
    String timestamp = dev.shepherd.testing.SignedRequests.now();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(shepherd.eventsUrl()))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("X-Slack-Request-Timestamp", timestamp)
            .header(
                "X-Slack-Signature",
                dev.shepherd.testing.SignedRequests.sign(SECRET, timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }
}
