package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.BOB;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static dev.shepherd.testing.ShepherdUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.audit.Action;
import dev.shepherd.cli.Cli;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.SignedRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runbooks that learn, through signed Slack requests against a runbook in a {@code file://} git
 * repository: dev and stage pass, prod fails at step 3 with a symptom its table lacks, the operator
 * says what they saw, retries, and says what fixed it; the summary names the latent bug on the last
 * partition; the next prod rollout is warned of it on its root message until a revision with the
 * row is pinned.
 */
@Timeout(180)
class LearningEndToEndTest {
  /**
   * Three steps, each with its rows and a rollback: it lints clean with --strict before and after.
   */
  static final String RUNBOOK = resource("/learning/oam-secrets.md");

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;
  ShepherdUnderTest shepherd;
  Git work;

  @AfterEach
  void stop() {
    if (shepherd != null) {
      shepherd.close();
    }
    if (work != null) {
      work.close();
    }
  }

  @Test
  void aLatentBugOnProdBecomesARiskUntilARevisionWithItsRowIsPinned() throws Exception {
    Path remote = folder.resolve("infra.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    work =
        Git.cloneRepository()
            .setURI(remote.toUri().toString())
            .setDirectory(folder.resolve("work").toFile())
            .call();
    RevCommit pinned = commit("runbooks/oam-secrets.md", RUNBOOK, "Add the OAM secrets runbook");
    String source = "file://" + remote + "#main:runbooks";
    String config =
        ShepherdUnderTest.CONFIG.replace(
            "runbooks: ./runbooks", "runbooks: {source: \"" + source + "\", propose: branch}");
    String db = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    shepherd =
        new ShepherdUnderTest(
            folder.resolve("shepherd"),
            new FakeSlack(),
            db,
            config,
            Map.of(),
            Map.of(
                "SHEPHERD_RUNBOOKS",
                source,
                "SHEPHERD_GIT_FETCH_SECONDS",
                "0",
                "SHEPHERD_RELOAD_SECONDS",
                "1"));

    for (String partition : List.of("dev", "stage")) {
      shepherd.command(OPERATOR, partition + " oam-secrets");
      shepherd.walk(shepherd.root(partition).ts(), 3, List.of(ALICE));
      shepherd.summary(partition);
    }

    shepherd.command(OPERATOR, "prod oam-secrets");
    FakeSlack.Message root = shepherd.root("prod");
    assertThat(root.allText()).doesNotContain("Last run on");
    String thread = root.ts();
    shepherd.walk(thread, 1, 2, List.of(ALICE, BOB));
    FakeSlack.Message step3 = shepherd.openStep(thread, 3);
    shepherd.click(OPERATOR, step3, ActionIds.FAIL);
    FakeSlack.Message failure =
        shepherd.await(
            "the failure message",
            m ->
                thread.equals(m.threadTs())
                    && m.button(ActionIds.SYMPTOM).isPresent()
                    && m.button(ActionIds.RETRY).isPresent());
    shepherd.click(OPERATOR, failure, ActionIds.SYMPTOM);
    submit(
        OPERATOR,
        "shepherd.symptom",
        failure.button(ActionIds.SYMPTOM).orElseThrow(),
        Map.of("note", "`Rate exceeded` from the smoke test, 40 calls in"));
    Rollout prod = shepherd.shepherd.rollouts().activeOn("prod").orElseThrow();
    shepherd.slack.await(
        "the symptom on the record",
        calls ->
            shepherd.shepherd.rollouts().trail(prod.id()).stream()
                .anyMatch(a -> a.action() == Action.SYMPTOM),
        WAIT);

    shepherd.click(OPERATOR, failure, ActionIds.RETRY);
    shepherd.slack.await(
        "step 3 posted again",
        calls ->
            shepherd.shepherd.rollouts().trail(prod.id()).stream()
                .anyMatch(a -> a.action() == Action.RETRY && a.accepted()),
        WAIT);
    int modalsBefore = views("shepherd.resolve").size();
    shepherd.walk(thread, 3, 3, List.of(ALICE, BOB));
    shepherd.slack.await(
        "what fixed it? asked of who clicked Done",
        calls -> views("shepherd.resolve").size() > modalsBefore,
        WAIT);
    String asked = views("shepherd.resolve").get(0);
    assertThat(asked).contains("What fixed it?", "The cause, if you know it");
    String metadata = JSON.readTree(asked).path("private_metadata").asText();
    submit(
        OPERATOR,
        "shepherd.resolve",
        metadata,
        Map.of(
            "fix",
            "raised the API quota for prod's account",
            "cause",
            "prod's account has a lower default quota"));

    FakeSlack.Message summary =
        shepherd.await(
            "prod's summary naming the latent bug",
            m ->
                m.isTopLevel()
                    && ShepherdUnderTest.isSummary(m)
                    && m.text().contains(" on prod ")
                    && m.allText().contains("raised the API quota"));
    assertThat(summary.allText())
        .contains(
            ":bulb: *What this rollout found that the runbook does not say*",
            ":rotating_light: *A latent bug that only fired on prod: step 3 succeeded on dev, stage at revision "
                + pinned.getName().substring(0, 7)
                + " and failed on the last partition*",
            "Step 3 (Smoke test) failed with `Rate exceeded` from the smoke test, 40 calls in; no troubleshooting row yet",
            "fixed by <@U0OPERATOR>: raised the API quota for prod's account (cause: prod's account has a lower default quota)");
    assertThat(shepherd.shepherd.findings().of(prod.id()))
        .extracting(RunbookFinding::kind)
        .contains(RunbookFinding.Kind.UNMATCHED_SYMPTOM, RunbookFinding.Kind.LATENT_BUG);

    // Propose runbook changes: anyone gets the diff; only prod's approvers in the config a branch.
    String branch = "shepherd/oam-secrets-" + prod.id().substring(0, 8);
    shepherd.click(ShepherdUnderTest.STRANGER, summary, ActionIds.PROPOSE);
    shepherd.slack.await("the stranger's proposal", calls -> upload(".diff").isPresent(), WAIT);
    assertThat(upload(".diff").orElseThrow().comment())
        .contains("No branch was pushed: only an approver of prod in the config pushes one");
    try (org.eclipse.jgit.lib.Repository bare =
        new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
            .setGitDir(remote.toFile())
            .build()) {
      assertThat(bare.exactRef("refs/heads/" + branch)).isNull();
    }
    int before = shepherd.slack.uploads().size();
    shepherd.click(ALICE, summary, ActionIds.PROPOSE);
    shepherd.slack.await(
        "the proposal in the thread", calls -> shepherd.slack.uploads().size() > before, WAIT);
    FakeSlack.Upload proposal = upload(".diff").orElseThrow();
    assertThat(proposal.threadTs()).isEqualTo(thread);
    assertThat(proposal.comment()).contains(branch).doesNotContain("No branch was pushed");
    Path diff = folder.resolve("proposal.diff");
    Files.writeString(diff, proposal.content());
    assertThat(git("apply", "--check", diff.toString())).isEqualTo("");
    git("apply", diff.toString());
    Path patchedFile =
        work.getRepository().getWorkTree().toPath().resolve("runbooks/oam-secrets.md");
    String patched = Files.readString(patchedFile);
    assertThat(patched)
        .contains(
            "| `Rate exceeded` from the smoke test, 40 calls in | prod's account"
                + " has a lower default quota | raised the API quota for prod's account |");
    Files.writeString(folder.resolve("shepherd/lint.yaml"), ShepherdUnderTest.CONFIG);
    Cli.Result lint =
        Cli.run(
            "lint",
            "--config",
            folder.resolve("shepherd/lint.yaml").toString(),
            "--runbooks",
            patchedFile.getParent().toString(),
            "--strict");
    assertThat(lint.exitCode()).as(lint.out() + lint.err()).isZero();
    assertThat(lint.out()).doesNotContain("error:", "warning:");

    try (org.eclipse.jgit.lib.Repository bare =
            new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                .setGitDir(remote.toFile())
                .build();
        org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(bare)) {
      RevCommit pushed = walk.parseCommit(bare.exactRef("refs/heads/" + branch).getObjectId());
      assertThat(pushed.getParentCount()).isEqualTo(1);
      assertThat(pushed.getParent(0).getName()).isEqualTo(pinned.getName());
      assertThat(pushed.getAuthorIdent().getName()).isEqualTo("Shepherd");
      assertThat(pushed.getFullMessage()).contains(prod.id().substring(0, 8), "prod");
      try (org.eclipse.jgit.treewalk.TreeWalk file =
          org.eclipse.jgit.treewalk.TreeWalk.forPath(
              bare, "runbooks/oam-secrets.md", pushed.getTree())) {
        assertThat(new String(bare.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8))
            .isEqualTo(patched);
      }
      assertThat(bare.exactRef("refs/heads/main").getObjectId())
          .as("the tracked branch did not move")
          .isEqualTo(pinned.getId());
    }

    // Draft retrospective: the learnings as Markdown, in the thread.
    shepherd.click(OPERATOR, summary, ActionIds.RETRO);
    shepherd.slack.await(
        "the retrospective in the thread", calls -> upload("-retrospective.md").isPresent(), WAIT);
    String retro = upload("-retrospective.md").orElseThrow().content();
    assertThat(retro)
        .contains(
            "## What went wrong and how it was fixed",
            "a latent bug that only fired on prod",
            "raised the API quota for prod's account",
            "## Proposed runbook changes",
            "+| `Rate exceeded` from the smoke test");
    example("proposal.diff", proposal.content());
    example("retrospective.md", retro);

    // The next rollout on prod is warned, loudest, on its root message.
    shepherd.command(OPERATOR, "prod oam-secrets");
    FakeSlack.Message warned =
        shepherd.await(
            "the next prod root with the risk",
            m ->
                m.isTopLevel()
                    && !m.ts().equals(thread)
                    && !ShepherdUnderTest.isSummary(m)
                    && m.text().contains(" on prod by "));
    assertThat(warned.allText())
        .contains(
            ":rotating_light: Last run on prod: step 3 (Smoke test) failed"
                + " with `Rate exceeded` from the smoke test, 40 calls in; no troubleshooting row yet (fixed then by:"
                + " raised the API quota for prod's account) (a latent bug that only fired on prod)");
    shepherd.command(OPERATOR, "abort prod");
    shepherd.slack.await(
        "the warned rollout aborted",
        calls -> shepherd.shepherd.rollouts().activeOn("prod").isEmpty(),
        WAIT);

    // The team merges the proposal: the next rollout pins it, and the finding is closed for good.
    RevCommit covered = commit("runbooks/oam-secrets.md", patched, "Merge Shepherd's proposal");
    shepherd.slack.await(
        "the covering revision loaded",
        calls ->
            shepherd
                .shepherd
                .catalog()
                .find("oam-secrets")
                .map(r -> r.revision().id().equals(covered.getName()))
                .orElse(false),
        WAIT);
    shepherd.command(OPERATOR, "prod oam-secrets");
    FakeSlack.Message clean =
        shepherd.await(
            "a prod root at the covering revision",
            m ->
                m.isTopLevel()
                    && !ShepherdUnderTest.isSummary(m)
                    && m.text().contains(" on prod by ")
                    && m.allText().contains(covered.getName().substring(0, 7)));
    assertThat(clean.allText()).doesNotContain("Last run on prod: step 3 (Smoke test) failed with");
    assertThat(shepherd.shepherd.findings().open(Optional.of("oam-secrets")))
        .noneMatch(f -> f.kind() == RunbookFinding.Kind.UNMATCHED_SYMPTOM);

    // The command line says the same from the database.
    Cli.Result cli = Cli.run("retro", prod.id(), "--db", db);
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains(
            "a latent bug that only fired on prod",
            "## Proposed runbook changes",
            "+| `Rate exceeded` from the smoke test, 40 calls in |");
  }

  /** The newest upload whose file name ends so. */
  private Optional<FakeSlack.Upload> upload(String ending) {
    List<FakeSlack.Upload> uploads = shepherd.slack.uploads();
    for (int i = uploads.size() - 1; i >= 0; i--) {
      if (uploads.get(i).filename().endsWith(ending)) {
        return Optional.of(uploads.get(i));
      }
    }
    return Optional.empty();
  }

  /** Runs git in the work clone; returns what it printed, failing on a non-zero exit. */
  private String git(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(work.getRepository().getWorkTree())
            .redirectErrorStream(true)
            .start();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("git " + String.join(" ", args) + ": " + printed).isZero();
    return printed;
  }

  /** Keeps what the test produced where docs/guides/runbooks-that-learn.md's excerpts come from. */
  private static void example(String name, String text) throws Exception {
    Path out = Path.of("target", "learning-example", name);
    Files.createDirectories(out.getParent());
    Files.writeString(out, text);
  }

  @Test
  void risksAreListedAndAnApproverDismissesOneWithAReason() throws Exception {
    shepherd = new ShepherdUnderTest(folder);
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    FakeSlack.Message step1 = shepherd.openStep(thread, 1);
    shepherd.click(OPERATOR, step1, ActionIds.FAIL);
    FakeSlack.Message failure =
        shepherd.await(
            "the failure message",
            m -> thread.equals(m.threadTs()) && m.button(ActionIds.SYMPTOM).isPresent());
    shepherd.click(OPERATOR, failure, ActionIds.SYMPTOM);
    submit(
        OPERATOR,
        "shepherd.symptom",
        failure.button(ActionIds.SYMPTOM).orElseThrow(),
        Map.of("note", "`quux: frobnication failed`"));
    Rollout dev = shepherd.shepherd.rollouts().activeOn("dev").orElseThrow();
    shepherd.slack.await(
        "the symptom on the record",
        calls ->
            shepherd.shepherd.rollouts().trail(dev.id()).stream()
                .anyMatch(a -> a.action() == Action.SYMPTOM),
        WAIT);
    shepherd.command(OPERATOR, "abort dev");
    shepherd.summary("dev");

    var listed =
        JSON.readTree(
            shepherd
                .requests
                .command(OPERATOR, ShepherdUnderTest.CHANNEL, "risks oam-secrets")
                .body());
    assertThat(listed.toString())
        .contains(
            "1 open finding of oam-secrets",
            "failed with `quux: frobnication failed`; no troubleshooting row yet");
    var dismiss = listed.path("blocks").get(1).path("accessory");
    assertThat(dismiss.path("action_id").asText()).isEqualTo("shepherd.dismiss:0");
    String value = dismiss.path("value").asText();
    assertThat(value).isEqualTo(dev.id() + " unmatched_symptom:1:1");

    assertThat(
            shepherd
                .requests
                .click(
                    ShepherdUnderTest.STRANGER,
                    ShepherdUnderTest.CHANNEL,
                    "1700000000.000100",
                    null,
                    "shepherd.dismiss:0",
                    value)
                .statusCode())
        .isEqualTo(200);
    shepherd.slack.await("the dismiss modal", calls -> !views("shepherd.dismiss").isEmpty(), WAIT);
    assertThat(
            submitAnswer(
                ShepherdUnderTest.STRANGER,
                "shepherd.dismiss",
                value,
                Map.of("reason", "not mine")))
        .contains(
            "only an approver of the rollout's partition in the config may dismiss its findings");
    assertThat(
            submitAnswer(
                ALICE, "shepherd.dismiss", value, Map.of("reason", "the frobnicator was retired")))
        .isEmpty();

    assertThat(
            shepherd
                .requests
                .command(OPERATOR, ShepherdUnderTest.CHANNEL, "risks oam-secrets")
                .body())
        .contains("No open findings of oam-secrets");
    assertThat(shepherd.requests.command(OPERATOR, ShepherdUnderTest.CHANNEL, "risks nope").body())
        .contains("no runbook nope (runbooks: oam-secrets)");
    assertThat(shepherd.shepherd.rollouts().trail(dev.id()))
        .filteredOn(a -> a.action() == Action.DISMISS)
        .extracting(a -> a.user() + " " + a.accepted() + " " + a.detail())
        .containsExactly(
            "U0STRANGER false only an approver of the rollout's partition in the config may dismiss its findings",
            "U0ALICE true unmatched_symptom:1:1: the frobnicator was retired");
  }

  private static String resource(String name) {
    try (var in = LearningEndToEndTest.class.getResourceAsStream(name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private RevCommit commit(String path, String text, String message) throws Exception {
    Path file = work.getRepository().getWorkTree().toPath().resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    work.add().addFilepattern(path).call();
    RevCommit commit =
        work.commit()
            .setMessage(message)
            .setAuthor("Dana", "dana@example.com")
            .setCommitter("Dana", "dana@example.com")
            .call();
    work.push().setRefSpecs(new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/main")).call();
    return commit;
  }

  /** The views Shepherd opened with this callback id, oldest first. */
  private List<String> views(String callbackId) {
    return shepherd.slack.calls().stream()
        .filter(c -> c.method().equals("views.open"))
        .map(c -> c.param("view"))
        .filter(v -> v.contains("\"" + callbackId + "\""))
        .toList();
  }

  private void submit(String user, String callbackId, String metadata, Map<String, String> inputs)
      throws Exception {
    assertThat(submitAnswer(user, callbackId, metadata, inputs)).as("the modal's errors").isEmpty();
  }

  /**
   * A view submission as Slack sends one (the modal's inputs by block id, input ids alike); returns
   * the errors Shepherd answered with, empty when it closed the modal.
   */
  private String submitAnswer(
      String user, String callbackId, String metadata, Map<String, String> inputs)
      throws Exception {
    ObjectNode payload = JSON.createObjectNode();
    payload
        .put("type", "view_submission")
        .put("api_app_id", "A0SHEPHERD")
        .put("token", "unused")
        .put("trigger_id", "t-" + UUID.randomUUID());
    payload.putObject("team").put("id", "T0TEAM").put("domain", "example");
    payload.putObject("user").put("id", user).put("username", "x").put("team_id", "T0TEAM");
    ObjectNode view = payload.putObject("view");
    view.put("id", "V" + UUID.randomUUID().toString().substring(0, 8))
        .put("team_id", "T0TEAM")
        .put("type", "modal")
        .put("callback_id", callbackId)
        .put("private_metadata", metadata)
        .put("hash", "h");
    view.putArray("blocks");
    ObjectNode values = view.putObject("state").putObject("values");
    inputs.forEach(
        (block, value) ->
            values
                .putObject(block)
                .putObject(block)
                .put("type", "plain_text_input")
                .put("value", value));
    var response =
        shepherd.requests.post(
            SignedRequests.formBody(Map.of("payload", payload.toString())), SignedRequests.now());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body().contains("\"errors\"")
        ? JSON.readTree(response.body()).path("errors").toString()
        : "";
  }
}
