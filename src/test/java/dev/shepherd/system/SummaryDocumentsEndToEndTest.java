package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static dev.shepherd.testing.ShepherdUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.app.Learning;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.runbook.Revision;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Propose runbook changes and Draft retrospective through signed Slack requests: each click on the
 * summary shares its document in the rollout's thread, once, as a file or as text.
 */
@Timeout(120)
class SummaryDocumentsEndToEndTest {
  @TempDir Path folder;
  ShepherdUnderTest shepherd;

  @AfterEach
  void stop() {
    if (shepherd != null) {
      shepherd.close();
    }
  }

  private static Learning learning() {
    return new Learning(
        db ->
            id ->
                List.of(
                    new RunbookFinding(
                        "unmatched_symptom:3:1",
                        id,
                        "oam-secrets",
                        Revision.commit("abc"),
                        "dev",
                        Instant.parse("2026-11-30T10:00:00Z"),
                        RunbookFinding.Kind.UNMATCHED_SYMPTOM,
                        3,
                        "Verify",
                        "`curl: (7) Failed to connect`",
                        "",
                        Optional.empty(),
                        Optional.empty())),
        db -> id -> Optional.of("# Retrospective: rollout " + id + "\n\n## What happened\n"));
  }

  /** A skipped step: its note is a quote, whose ">" Slack must get as "&gt;". */
  private static Learning skipped() {
    return new Learning(
        db ->
            id ->
                List.of(
                    new RunbookFinding(
                        "skipped:2:1",
                        id,
                        "oam-secrets",
                        Revision.commit("abc"),
                        "dev",
                        Instant.parse("2026-11-30T10:00:00Z"),
                        RunbookFinding.Kind.SKIPPED,
                        2,
                        "Deploy the stack",
                        "",
                        "deployed by hand <before>",
                        Optional.empty(),
                        Optional.empty())),
        db -> id -> Optional.empty());
  }

  private String walked(Optional<Learning> learning, boolean files) throws Exception {
    shepherd =
        ShepherdUnderTest.notStarted(
            folder, new FakeSlack(), "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    shepherd.learning = learning;
    if (!files) {
      shepherd.slack.denyFiles();
    }
    shepherd.start();
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    shepherd.walk(thread, 1, List.of());
    shepherd.click(ALICE, shepherd.openStep(thread, 2), ActionIds.APPROVE);
    shepherd.walk(thread, 2, 3, List.of());
    return thread;
  }

  private Rollout ended() {
    return shepherd
        .shepherd
        .rollouts()
        .find(shepherd.shepherd.rollouts().endedSince(Duration.ofHours(1)).get(0))
        .orElseThrow();
  }

  @Test
  void proposeSharesTheDiffAsAFileNamingTheFindingsOncePerClick() throws Exception {
    String thread = walked(Optional.of(learning()), true);
    Rollout rollout = ended();
    FakeSlack.Message summary = shepherd.summary("dev");
    String value = summary.button(ActionIds.PROPOSE).orElseThrow();

    // The same click delivered twice (Slack retries what it thinks went unanswered).
    shepherd.requests.click(
        OPERATOR,
        CHANNEL,
        summary.ts(),
        summary.threadTs(),
        ActionIds.PROPOSE,
        value,
        "1764100000.424242");
    shepherd.requests.click(
        OPERATOR,
        CHANNEL,
        summary.ts(),
        summary.threadTs(),
        ActionIds.PROPOSE,
        value,
        "1764100000.424242");

    shepherd.slack.await("the proposal shared", calls -> !shepherd.slack.uploads().isEmpty(), WAIT);
    FakeSlack.Upload upload = shepherd.slack.uploads().get(0);
    String shortId = rollout.id().substring(0, 8);
    assertThat(upload.channel()).isEqualTo(CHANNEL);
    assertThat(upload.threadTs()).isEqualTo(thread);
    assertThat(upload.filename()).isEqualTo("oam-secrets-" + shortId + ".diff");
    assertThat(upload.title()).isEqualTo("Proposed runbook changes: Roll out OAM secrets");
    assertThat(upload.content())
        .startsWith("diff --git a/oam-secrets.md b/oam-secrets.md\n")
        .contains(
            "+| `curl: (7) Failed to connect` | Unknown yet (rollout " + shortId + " on dev) |");
    assertThat(upload.comment())
        .isEqualTo(
            "Proposed changes to `oam-secrets.md` from what this"
                + " rollout found, for <@U0OPERATOR>:\n• unmatched symptom at step 3 (Verify):"
                + " `curl: (7) Failed to connect`");
    // The marker: a later click that must share a document too. Once the retrospective is
    // shared, the retried click has had its turn; it shared nothing.
    shepherd.click(OPERATOR, shepherd.summary("dev"), ActionIds.RETRO);
    shepherd.slack.await(
        "the retrospective shared after the retried click",
        calls -> shepherd.slack.uploads().stream().anyMatch(u -> u.filename().endsWith(".md")),
        WAIT);
    assertThat(shepherd.slack.uploads())
        .extracting(FakeSlack.Upload::filename)
        .containsExactly(
            "oam-secrets-" + shortId + ".diff",
            "oam-secrets-dev-" + rollout.id() + "-retrospective.md");
  }

  @Test
  void withNothingToProposeTheThreadIsToldSo() throws Exception {
    String thread = walked(Optional.empty(), true);
    Rollout rollout = ended();

    shepherd.click(OPERATOR, shepherd.summary("dev"), ActionIds.PROPOSE);

    FakeSlack.Message said =
        shepherd.await(
            "the word that there is nothing to propose",
            m -> thread.equals(m.threadTs()) && m.text().contains("asked for runbook changes"));
    assertThat(said.text())
        .isEqualTo(
            "<@U0OPERATOR> asked for runbook changes. Rollout "
                + rollout.id().substring(0, 8)
                + " found nothing its runbook does not say: nothing to propose.");
    assertThat(shepherd.slack.uploads()).isEmpty();
  }

  @Test
  void withoutFilesWriteTheDiffIsPostedAsTextWithTheCommand() throws Exception {
    String thread = walked(Optional.of(skipped()), false);
    Rollout rollout = ended();

    shepherd.click(OPERATOR, shepherd.summary("dev"), ActionIds.PROPOSE);

    FakeSlack.Message posted =
        shepherd.await(
            "the diff as text",
            m -> thread.equals(m.threadTs()) && m.text().startsWith("Proposed changes to"));
    assertThat(posted.text())
        .contains(
            "(the app lacks files:write, so as text; whole with"
                + " `shepherd propose "
                + rollout.id()
                + "`):\n```diff --git a/oam-secrets.md b/oam-secrets.md\n",
            "+&gt; **Note:** Skipped in rollout "
                + rollout.id().substring(0, 8)
                + " on dev: deployed by hand"
                + " &lt;before&gt;.\n");
  }

  @Test
  void draftRetrospectiveSharesTheRetrospectivesMarkdown() throws Exception {
    String thread = walked(Optional.of(learning()), true);
    Rollout rollout = ended();

    shepherd.click(OPERATOR, shepherd.summary("dev"), ActionIds.RETRO);

    shepherd.slack.await(
        "the retrospective shared", calls -> !shepherd.slack.uploads().isEmpty(), WAIT);
    FakeSlack.Upload upload = shepherd.slack.uploads().get(0);
    assertThat(upload.threadTs()).isEqualTo(thread);
    assertThat(upload.filename())
        .isEqualTo("oam-secrets-dev-" + rollout.id() + "-retrospective.md");
    assertThat(upload.content())
        .isEqualTo("# Retrospective: rollout " + rollout.id() + "\n\n## What happened\n");
    assertThat(upload.comment())
        .isEqualTo("Draft retrospective of this rollout, for <@U0OPERATOR>");
  }

  @Test
  void theDerivedRetrospectiveIsTheRecordsMarkdown() throws Exception {
    String thread = walked(Optional.empty(), true);
    Rollout rollout = ended();

    shepherd.click(OPERATOR, shepherd.summary("dev"), ActionIds.RETRO);

    shepherd.slack.await(
        "the retrospective shared", calls -> !shepherd.slack.uploads().isEmpty(), WAIT);
    FakeSlack.Upload upload = shepherd.slack.uploads().get(0);
    assertThat(upload.threadTs()).isEqualTo(thread);
    assertThat(upload.content())
        .startsWith("# Retrospective: ")
        .contains(rollout.id(), "## What happened", "## Findings", "## Proposed runbook changes");
  }

  @Test
  void withoutARetrospectiveTheThreadIsToldSo() throws Exception {
    String thread =
        walked(
            Optional.of(new Learning(db -> id -> List.of(), db -> id -> Optional.empty())), true);

    shepherd.click(OPERATOR, shepherd.summary("dev"), ActionIds.RETRO);

    FakeSlack.Message said =
        shepherd.await(
            "the word that there is no retrospective",
            m ->
                thread.equals(m.threadTs())
                    && m.text().contains("asked for a retrospective draft"));
    assertThat(said.text())
        .isEqualTo(
            "<@U0OPERATOR> asked for a retrospective draft, and there is"
                + " none for this rollout yet.");
  }
}
