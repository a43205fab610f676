package dev.shepherd.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.learning.writeback.BranchPublisher;
import dev.shepherd.runbook.Revision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proposal branches pushed to a real bare repository through a file:// URL. */
class GitBranchesTest {
  private static final String PATH = "ops/runner.md";
  private static final String PATH_IN_REPO = "docs/runbooks/" + PATH;
  private static final String PATCHED =
      "# Restart the runner\n\n> **Note:** Skipped in rollout 1a2b3c4d on prod.\n";

  @TempDir Path work;
  @TempDir Path bare;
  @TempDir Path data;
  private ObjectId pinned;

  @BeforeEach
  void remote() throws Exception {
    try (Git repo = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      Path file = work.resolve("docs/runbooks/" + PATH);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "# Restart the runner\n", StandardCharsets.UTF_8);
      Files.writeString(work.resolve("README.md"), "infra\n", StandardCharsets.UTF_8);
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
  }

  private GitSource source(String fragment) throws Exception {
    GitSource source =
        new GitSource(
            GitUrl.parse("file://" + bare.toAbsolutePath() + fragment),
            data.resolve("clone"),
            Duration.ofMinutes(5),
            Clock.systemUTC(),
            Optional.empty());
    source.load();
    return source;
  }

  private BranchPublisher.Request request(String branch) {
    return new BranchPublisher.Request(
        PATH,
        Revision.commit(pinned.name()),
        branch,
        PATCHED,
        "Runbook runner: what rollout 1a2b3c4d on prod found\n",
        Instant.parse("2026-11-30T10:00:00Z"));
  }

  @Test
  void theBranchHasOneCommitByShepherdOnThePinnedCommitWithThePatchedFile() throws Exception {
    GitSource source = source("#main:docs/runbooks");

    String link = source.branches().publish(request("shepherd/runner-1a2b3c4d"));

    assertThat(link)
        .isEqualTo("file://" + bare.toAbsolutePath() + ", branch shepherd/runner-1a2b3c4d");
    try (Repository remote = Git.open(bare.toFile()).getRepository();
        RevWalk walk = new RevWalk(remote)) {
      RevCommit commit = walk.parseCommit(remote.resolve("refs/heads/shepherd/runner-1a2b3c4d"));
      assertThat(commit.getParentCount()).isEqualTo(1);
      assertThat(commit.getParent(0).getId()).isEqualTo(pinned);
      assertThat(commit.getAuthorIdent().getName()).isEqualTo("Shepherd");
      assertThat(commit.getCommitterIdent().getName()).isEqualTo("Shepherd");
      assertThat(commit.getFullMessage())
          .isEqualTo("Runbook runner: what rollout 1a2b3c4d on prod found\n");
      assertThat(read(remote, commit, "docs/runbooks/" + PATH)).isEqualTo(PATCHED);
      assertThat(read(remote, commit, "README.md")).isEqualTo("infra\n");
      assertThat(remote.resolve("refs/heads/main")).isEqualTo(pinned);
    }
  }

  @Test
  void proposingTheSameAgainFindsTheBranchUpToDate() throws Exception {
    GitSource source = source("#main:docs/runbooks");
    source.branches().publish(request("shepherd/runner-1a2b3c4d"));
    ObjectId first;
    try (Repository remote = Git.open(bare.toFile()).getRepository()) {
      first = remote.resolve("refs/heads/shepherd/runner-1a2b3c4d");
    }

    source.branches().publish(request("shepherd/runner-1a2b3c4d"));

    try (Repository remote = Git.open(bare.toFile()).getRepository()) {
      assertThat(remote.resolve("refs/heads/shepherd/runner-1a2b3c4d")).isEqualTo(first);
    }
  }

  @Test
  void aNewerProposalOfTheSameRolloutReplacesShepherdsOwnEarlierOne() throws Exception {
    GitSource source = source("#main:docs/runbooks");
    source.branches().publish(request("shepherd/runner-1a2b3c4d"));
    BranchPublisher.Request fixed =
        new BranchPublisher.Request(
            PATH,
            Revision.commit(pinned.name()),
            "shepherd/runner-1a2b3c4d",
            PATCHED + "\nwhat fixed it\n",
            "m\n",
            Instant.parse("2026-11-30T11:00:00Z"));

    source.branches().publish(fixed);

    try (Repository remote = Git.open(bare.toFile()).getRepository();
        RevWalk walk = new RevWalk(remote)) {
      RevCommit tip = walk.parseCommit(remote.resolve("refs/heads/shepherd/runner-1a2b3c4d"));
      assertThat(tip.getParentCount()).isEqualTo(1);
      assertThat(tip.getParent(0).getName()).isEqualTo(pinned.name());
      try (TreeWalk file = TreeWalk.forPath(remote, PATH_IN_REPO, tip.getTree())) {
        assertThat(new String(remote.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8))
            .isEqualTo(PATCHED + "\nwhat fixed it\n");
      }
    }
  }

  @Test
  void aBranchThatNowHoldsOtherCommitsIsReportedNotOverwritten() throws Exception {
    GitSource source = source("#main:docs/runbooks");
    source.branches().publish(request("shepherd/runner-1a2b3c4d"));
    Path clone = data.resolve("reviewer");
    try (Git reviewer =
        Git.cloneRepository()
            .setURI(bare.toUri().toString())
            .setDirectory(clone.toFile())
            .setBranch("shepherd/runner-1a2b3c4d")
            .call()) {
      Files.writeString(clone.resolve(PATH_IN_REPO), PATCHED + "\na reviewer's edit\n");
      reviewer.add().addFilepattern(PATH_IN_REPO).call();
      reviewer
          .commit()
          .setMessage("Reword the row")
          .setAuthor("Dana", "dana@example.com")
          .setCommitter("Dana", "dana@example.com")
          .call();
      reviewer.push().call();
    }
    ObjectId reviewed;
    try (Repository remote = Git.open(bare.toFile()).getRepository()) {
      reviewed = remote.resolve("refs/heads/shepherd/runner-1a2b3c4d");
    }
    BranchPublisher.Request other =
        new BranchPublisher.Request(
            PATH,
            Revision.commit(pinned.name()),
            "shepherd/runner-1a2b3c4d",
            PATCHED + "\nmore\n",
            "m\n",
            Instant.parse("2026-11-30T11:00:00Z"));

    assertThatThrownBy(() -> source.branches().publish(other))
        .isInstanceOf(BranchPublisher.Failed.class)
        .hasMessage(
            "shepherd/runner-1a2b3c4d already exists on file://"
                + bare.toAbsolutePath()
                + "#main:docs/runbooks with other commits: delete it there to propose again");
    try (Repository remote = Git.open(bare.toFile()).getRepository()) {
      assertThat(remote.resolve("refs/heads/shepherd/runner-1a2b3c4d")).isEqualTo(reviewed);
    }
  }

  @Test
  void theTrackedBranchIsRefusedAndDoesNotMove() throws Exception {
    GitSource source = source("#main:docs/runbooks");

    assertThatThrownBy(() -> source.branches().publish(request("main")))
        .isInstanceOf(BranchPublisher.Failed.class)
        .hasMessage(
            "will not push to main: it is the branch Shepherd reads runbooks from;"
                + " proposals go on a branch of their own");
    try (Repository remote = Git.open(bare.toFile()).getRepository()) {
      assertThat(remote.resolve("refs/heads/main")).isEqualTo(pinned);
    }
  }

  @Test
  void withoutARefTheRemotesHeadBranchIsTheTrackedOne() throws Exception {
    GitSource source =
        new GitSource(
            GitUrl.parse("file://" + bare.toAbsolutePath()),
            data.resolve("clone"),
            Duration.ofMinutes(5),
            Clock.systemUTC(),
            Optional.empty());
    source.load();
    BranchPublisher.Request atRoot =
        new BranchPublisher.Request(
            "docs/runbooks/" + PATH,
            Revision.commit(pinned.name()),
            "main",
            PATCHED,
            "m\n",
            Instant.EPOCH);

    assertThatThrownBy(() -> source.branches().publish(atRoot))
        .hasMessageStartingWith("will not push to main:");
  }

  @Test
  void aSourcePinnedToATagCannotProposeBranches() throws Exception {
    try (Git repo = Git.open(bare.toFile())) {
      repo.tag()
          .setName("v1")
          .setObjectId(repo.getRepository().parseCommit(pinned))
          .setAnnotated(false)
          .call();
    }
    GitSource source = source("#v1:docs/runbooks");

    assertThatThrownBy(() -> source.branches().publish(request("shepherd/runner-1a2b3c4d")))
        .hasMessage(
            "runbooks.propose: branch needs the source to track a branch, and #v1 is a tag"
                + " or a commit: name a branch after the #, or set runbooks.propose: diff");
  }

  @Test
  void linksOpenThePullRequestOnGithubAndGitlab() {
    assertThat(
            GitLinks.of(
                GitUrl.parse("https://github.com/acme/infra.git#main"),
                "main",
                "shepherd/runner-1a2b3c4d"))
        .isEqualTo(
            "https://github.com/acme/infra/compare/main...shepherd/runner-1a2b3c4d?expand=1");
    assertThat(GitLinks.of(GitUrl.parse("git@github.com:acme/infra.git"), "main", "shepherd/x-1"))
        .isEqualTo("https://github.com/acme/infra/compare/main...shepherd/x-1?expand=1");
    assertThat(
            GitLinks.of(
                GitUrl.parse("https://oauth2:tok@gitlab.com/acme/ops/infra.git#main"),
                "main",
                "shepherd/x-1"))
        .isEqualTo(
            "https://gitlab.com/acme/ops/infra/-/merge_requests/new?merge_request%5Bsource_branch%5D="
                + "shepherd%2Fx-1&merge_request%5Btarget_branch%5D=main");
    assertThat(
            GitLinks.of(
                GitUrl.parse("https://user:tok@git.example.com/infra.git#main"),
                "main",
                "shepherd/x-1"))
        .isEqualTo("https://git.example.com/infra.git, branch shepherd/x-1");
  }

  private static String read(Repository repository, RevCommit commit, String path)
      throws Exception {
    try (TreeWalk tree = TreeWalk.forPath(repository, path, commit.getTree())) {
      assertThat(tree).as(path).isNotNull();
      return new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
    }
  }
}
