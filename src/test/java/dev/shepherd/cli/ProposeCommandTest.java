package dev.shepherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.app.Learning;
import dev.shepherd.learning.finding.Resolution;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.rollout.EngineFixture;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.store.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shepherd propose} on a rollout kept in a real database. */
class ProposeCommandTest {
  private static final String PARTITIONS =
      """
      partitions:
        - name: dev
        - name: stage
        - name: prod
      """;
  private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  @TempDir Path dir;
  private Database database;
  private EngineFixture engine;
  private Rollout rollout;

  @BeforeEach
  void open() {
    database = Database.open(url, "", "", null);
    engine = new EngineFixture(database);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private Learning found() {
    return new Learning(
        db ->
            id ->
                !id.equals(rollout.id())
                    ? List.of()
                    : List.of(
                        new RunbookFinding(
                            "latent_bug:3:1",
                            rollout.id(),
                            "oam-secrets",
                            rollout.runbook().revision(),
                            "prod",
                            Instant.parse("2026-11-27T10:00:00Z"),
                            RunbookFinding.Kind.LATENT_BUG,
                            3,
                            "Smoke test",
                            "`smoke: 502 from edge-lb`",
                            "",
                            Optional.of(
                                new Resolution(
                                    "flush the edge DNS cache",
                                    "",
                                    "U0ALICE",
                                    Instant.parse("2026-11-27T10:05:00Z"))),
                            Optional.empty())),
        db -> id -> Optional.empty());
  }

  private record Run(int exit, String out, String err) {}

  private Run propose(String config, Optional<Learning> learning, String... args) throws Exception {
    Path file = dir.resolve("shepherd.yaml");
    Files.writeString(file, config);
    Files.createDirectories(dir.resolve("runbooks"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> line =
        new ArrayList<>(List.of("propose", "--db", url, "--config", file.toString()));
    line.addAll(List.of(args));
    int exit;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      exit =
          Main.run(
              o,
              e,
              Map.of("SHEPHERD_DATA_DIR", dir.resolve("data").toString()),
              learning,
              line.toArray(String[]::new));
    }
    return new Run(exit, out.toString(), err.toString());
  }

  private String folderConfig() {
    return "runbooks: " + dir.resolve("runbooks") + "\n" + PARTITIONS;
  }

  @Test
  void theDiffGoesToStdoutAndWhatItChangesToStderr() throws Exception {
    rollout = engine.started("dev");

    Run run = propose(folderConfig(), Optional.of(found()), rollout.id());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith(
            """
        diff --git a/oam-secrets.md b/oam-secrets.md
        --- a/oam-secrets.md
        +++ b/oam-secrets.md
        """)
        .contains(
            "+| `smoke: 502 from edge-lb` | Unknown yet (rollout "
                + rollout.id().substring(0, 8)
                + " on prod) | flush the edge DNS cache |\n");
    assertThat(run.err())
        .isEqualTo(
            "- step 3 (Smoke test): a troubleshooting row for \"`smoke: 502"
                + " from edge-lb`\" (latent bug; rollout "
                + rollout.id().substring(0, 8)
                + " on prod)\n");
  }

  @Test
  void outWritesTheDiffToTheFile() throws Exception {
    rollout = engine.started("dev");
    Path diff = dir.resolve("proposal.diff");

    Run run = propose(folderConfig(), Optional.of(found()), rollout.id(), "--out", diff.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(Files.readString(diff)).startsWith("diff --git a/oam-secrets.md b/oam-secrets.md\n");
    assertThat(run.out())
        .startsWith("Wrote the diff to " + diff + ": apply it with git apply " + diff + "\n");
  }

  @Test
  void nothingFoundIsSaidAndIsNoError() throws Exception {
    rollout = engine.started("dev");

    Run run = propose(folderConfig(), Optional.empty(), rollout.id());

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "Rollout "
                + rollout.id().substring(0, 8)
                + " found nothing its runbook does not say: nothing to propose.\n");
  }

  @Test
  void anUnknownRolloutExitsWithTwo() throws Exception {
    rollout = engine.started("dev");

    Run run = propose(folderConfig(), Optional.of(found()), "no-such-rollout");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("shepherd propose: no rollout no-such-rollout in this database\n");
  }

  @Test
  void withBranchesTheBranchIsPushedOnThePinnedCommitAndLinked() throws Exception {
    Path work = dir.resolve("work");
    Path bare = dir.resolve("infra.git");
    ObjectId pinned;
    try (Git repo = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      Path file = work.resolve("docs/runbooks/oam-secrets.md");
      Files.createDirectories(file.getParent());
      Files.writeString(file, EngineFixture.RUNBOOK, StandardCharsets.UTF_8);
      repo.add().addFilepattern(".").call();
      pinned =
          repo.commit()
              .setMessage("runbooks")
              .setAuthor("A", "a@example.com")
              .setCommitter("A", "a@example.com")
              .call()
              .getId();
    }
    Git.cloneRepository()
        .setURI(work.toUri().toString())
        .setDirectory(bare.toFile())
        .setBare(true)
        .call()
        .close();
    engine.publish(EngineFixture.RUNBOOK, pinned.name());
    rollout = engine.started("dev");
    String branch = "shepherd/oam-secrets-" + rollout.id().substring(0, 8);

    Run run =
        propose(
            "runbooks:\n  source: file://"
                + bare
                + "#main:docs/runbooks\n  propose: branch\n"
                + PARTITIONS,
            Optional.of(found()),
            rollout.id());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("diff --git a/docs/runbooks/oam-secrets.md b/docs/runbooks/oam-secrets.md\n");
    assertThat(run.err()).endsWith("Branch pushed: file://" + bare + ", branch " + branch + "\n");
    try (Repository remote = Git.open(bare.toFile()).getRepository();
        RevWalk walk = new RevWalk(remote)) {
      RevCommit commit = walk.parseCommit(remote.resolve("refs/heads/" + branch));
      assertThat(commit.getParents()).extracting(RevCommit::getId).containsExactly(pinned);
      assertThat(commit.getAuthorIdent().getName()).isEqualTo("Shepherd");
      assertThat(commit.getShortMessage())
          .isEqualTo("oam-secrets: what rollout " + rollout.id().substring(0, 8) + " on dev found");
      assertThat(commit.getFullMessage()).contains("latent_bug:3:1");
      try (TreeWalk tree =
          TreeWalk.forPath(remote, "docs/runbooks/oam-secrets.md", commit.getTree())) {
        assertThat(new String(remote.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8))
            .contains("| `smoke: 502 from edge-lb` |");
      }
      assertThat(remote.resolve("refs/heads/main")).isEqualTo(pinned);
    }
  }
}
