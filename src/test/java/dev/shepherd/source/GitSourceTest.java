package dev.shepherd.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.config.ConfigException;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Revision;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookFile;
import dev.shepherd.runbook.RunbookParser;
import dev.shepherd.runbook.RunbookSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runbooks from a real git repository in a temporary folder, read through a file:// URL. */
class GitSourceTest {
  private static final PersonIdent AUTHOR =
      new PersonIdent(
          "Runbook Author",
          "author@example.com",
          Instant.parse("2026-01-01T00:00:00Z"),
          ZoneOffset.UTC);

  @TempDir Path repoDir;
  @TempDir Path dataDir;
  private Git repo;
  private String url;

  @BeforeEach
  void createRepository() throws GitAPIException {
    repo = Git.init().setDirectory(repoDir.toFile()).setInitialBranch("main").call();
    url = "file://" + repoDir.toAbsolutePath();
  }

  @AfterEach
  void closeRepository() {
    repo.close();
  }

  private RevCommit commit(String path, String content, String message)
      throws IOException, GitAPIException {
    Path file = repoDir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    repo.add().addFilepattern(path).call();
    return repo.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
  }

  private static String runbook(String title) {
    return "---\nid: deploy\n---\n# " + title + "\n\n## Step 1: Deploy\nRun `make deploy`.\n";
  }

  private RunbookSource open(String spec, Map<String, String> env) {
    return RunbookSources.open(spec, dataDir, env);
  }

  @Test
  void fetchIntervalThatIsNotANumberNamesTheVariable(@org.junit.jupiter.api.io.TempDir Path data) {
    assertThatThrownBy(
            () ->
                RunbookSources.open(
                    "file:///nowhere.git", data, Map.of("SHEPHERD_GIT_FETCH_SECONDS", "5m")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "SHEPHERD_GIT_FETCH_SECONDS must be a whole number of seconds from 0 (every load) to 86400,"
                + " not \"5m\"");
  }

  @Test
  void loadReadsTheRunbooksOfTheDefaultBranchAtItsCommit() throws Exception {
    RevCommit first = commit("ops/deploy.md", runbook("Deploy v1"), "Add the deploy runbook");
    commit("README.md", "# Not a runbook\n", "Add a README");
    commit("ops/script.sh", "echo hi\n", "Add a script");

    RunbookSource source = open(url, Map.of());
    RunbookSource.Snapshot snapshot = source.load();

    assertThat(snapshot.files()).extracting(RunbookFile::path).containsExactly("ops/deploy.md");
    RunbookFile file = snapshot.files().get(0);
    assertThat(file.content()).isEqualTo(runbook("Deploy v1"));
    assertThat(file.revision())
        .isEqualTo(Revision.commit(repo.getRepository().resolve("HEAD").name()));
    assertThat(file.revision().id()).isNotEqualTo(first.name()).hasSize(40);
    assertThat(snapshot.unreadable()).isEmpty();
    assertThat(source.describe()).isEqualTo(url);
  }

  @Test
  void catalogRunbooksCarryTheCommitIdAsTheirRevision() throws Exception {
    RevCommit commit = commit("deploy.md", runbook("Deploy v1"), "Add the deploy runbook");

    Catalog catalog = Catalog.load(open(url, Map.of()), new RunbookParser());

    assertThat(catalog.runbooks()).hasSize(1);
    Runbook runbook = catalog.runbooks().get(0);
    assertThat(runbook.id()).isEqualTo("deploy");
    assertThat(runbook.title()).isEqualTo("Deploy v1");
    assertThat(runbook.revision()).isEqualTo(Revision.commit(commit.name()));
    assertThat(runbook.revision().shortId()).isEqualTo(commit.name().substring(0, 7));
  }

  @ParameterizedTest(name = "url{0}")
  @ValueSource(strings = {"", "#main"})
  void refreshSeesTheMovedBranchAndThePinnedRevisionStaysReadable(String ref) throws Exception {
    RevCommit first = commit("deploy.md", runbook("Deploy v1"), "Add the deploy runbook");
    GitSource source = (GitSource) open(url + ref, Map.of());
    Revision pinned = source.load().files().get(0).revision();
    assertThat(pinned).isEqualTo(Revision.commit(first.name()));

    RevCommit second = commit("deploy.md", runbook("Deploy v2"), "Rename the runbook");
    assertThat(source.load().files().get(0).revision())
        .as("within the fetch interval, load does not fetch")
        .isEqualTo(pinned);
    String head = source.refresh();
    RunbookSource.Snapshot after = source.load();

    assertThat(head).isEqualTo(second.name());
    assertThat(after.files().get(0).revision()).isEqualTo(Revision.commit(second.name()));
    assertThat(after.files().get(0).content()).isEqualTo(runbook("Deploy v2"));
    RunbookFile old = source.read("deploy.md", pinned);
    assertThat(old.content()).isEqualTo(runbook("Deploy v1"));
    assertThat(old.revision()).isEqualTo(pinned);

    RevCommit third = commit("deploy.md", runbook("Deploy v3"), "Third version");
    assertThat(source.refresh()).as("every fetch, not only the first").isEqualTo(third.name());
    assertThat(source.load().files().get(0).content()).isEqualTo(runbook("Deploy v3"));
  }

  @Test
  void loadFetchesAgainOnceTheIntervalHasPassed() throws Exception {
    commit("deploy.md", runbook("Deploy v1"), "Add the deploy runbook");
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    GitSource source =
        new GitSource(
            GitUrl.parse(url),
            dataDir.resolve("clone"),
            Duration.ofMinutes(5),
            clock,
            Optional.empty());
    source.load();

    RevCommit second = commit("deploy.md", runbook("Deploy v2"), "Rename the runbook");
    clock.advance(Duration.ofMinutes(4));
    String beforeInterval = source.load().files().get(0).content();
    clock.advance(Duration.ofMinutes(1));
    RunbookSource.Snapshot afterInterval = source.load();

    assertThat(beforeInterval).isEqualTo(runbook("Deploy v1"));
    assertThat(afterInterval.files().get(0).content()).isEqualTo(runbook("Deploy v2"));
    assertThat(afterInterval.files().get(0).revision()).isEqualTo(Revision.commit(second.name()));
  }

  @Test
  void fetchIntervalOfZeroFromTheEnvironmentFetchesOnEveryLoad() throws Exception {
    commit("deploy.md", runbook("Deploy v1"), "Add the deploy runbook");
    RunbookSource source = open(url, Map.of("SHEPHERD_GIT_FETCH_SECONDS", "0"));
    source.load();

    RevCommit second = commit("deploy.md", runbook("Deploy v2"), "Rename the runbook");

    assertThat(source.load().files().get(0).revision()).isEqualTo(Revision.commit(second.name()));
  }

  @Test
  void deletedRunbookIsStillReadableAtThePinnedRevision() throws Exception {
    RevCommit first = commit("deploy.md", runbook("Deploy v1"), "Add the deploy runbook");
    GitSource source = (GitSource) open(url, Map.of());
    source.load();
    repo.rm().addFilepattern("deploy.md").call();
    RevCommit removed =
        repo.commit().setMessage("Remove it").setAuthor(AUTHOR).setCommitter(AUTHOR).call();

    source.refresh();

    assertThat(source.load().files()).isEmpty();
    assertThat(source.read("deploy.md", Revision.commit(first.name())).content())
        .isEqualTo(runbook("Deploy v1"));
    assertThatThrownBy(() -> source.read("deploy.md", Revision.commit(removed.name())))
        .isInstanceOf(RunbookSource.SourceException.class)
        .hasMessage("deploy.md does not exist at commit " + removed.name().substring(0, 7));
  }

  @Test
  void hashRefSelectsABranch() throws Exception {
    commit("deploy.md", runbook("Deploy on main"), "Add the deploy runbook");
    repo.checkout().setCreateBranch(true).setName("release/2026.1").call();
    RevCommit release = commit("deploy.md", runbook("Deploy on release"), "Release wording");
    repo.checkout().setName("main").call();
    commit("deploy.md", runbook("Deploy on main, later"), "Main moves on");

    RunbookSource.Snapshot snapshot = open(url + "#release/2026.1", Map.of()).load();

    assertThat(snapshot.files().get(0).content()).isEqualTo(runbook("Deploy on release"));
    assertThat(snapshot.files().get(0).revision()).isEqualTo(Revision.commit(release.name()));
  }

  @Test
  void hashRefSelectsALightweightOrAnnotatedTagAtItsCommit() throws Exception {
    RevCommit tagged = commit("deploy.md", runbook("Deploy v1"), "Add the deploy runbook");
    repo.tag().setName("v1").setAnnotated(false).call();
    RevCommit annotated = commit("deploy.md", runbook("Deploy v2"), "Second version");
    Ref tag = repo.tag().setName("v2").setMessage("Version 2").setTagger(AUTHOR).call();
    commit("deploy.md", runbook("Deploy v3"), "Third version");

    RunbookFile lightweight = open(url + "#v1", Map.of()).load().files().get(0);
    RunbookFile heavy = open(url + "#v2", Map.of()).load().files().get(0);

    assertThat(lightweight.content()).isEqualTo(runbook("Deploy v1"));
    assertThat(lightweight.revision()).isEqualTo(Revision.commit(tagged.name()));
    assertThat(heavy.content()).isEqualTo(runbook("Deploy v2"));
    assertThat(tag.getObjectId().name())
        .as("an annotated tag is its own object")
        .isNotEqualTo(annotated.name());
    assertThat(heavy.revision()).isEqualTo(Revision.commit(annotated.name()));
  }

  @Test
  void hashRefThatNamesNothingIsASourceException() throws Exception {
    commit("deploy.md", runbook("Deploy v1"), "Add the deploy runbook");

    assertThatThrownBy(() -> open(url + "#no-such-branch", Map.of()).load())
        .isInstanceOf(RunbookSource.SourceException.class)
        .hasMessage(
            "cannot fetch "
                + url
                + "#no-such-branch: no branch, tag or commit named"
                + " no-such-branch in "
                + url
                + "#no-such-branch (check the URL and SHEPHERD_GIT_TOKEN)");
  }

  @Test
  void runbookThatIsNotUtf8IsUnreadableAndTheOthersLoad() throws Exception {
    Files.write(
        repoDir.resolve("latin1.md"), "# Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    repo.add().addFilepattern("latin1.md").call();
    commit("deploy.md", runbook("Deploy v1"), "Add two runbooks");

    RunbookSource.Snapshot snapshot = open(url, Map.of()).load();

    assertThat(snapshot.files()).extracting(RunbookFile::path).containsExactly("deploy.md");
    assertThat(snapshot.unreadable())
        .containsExactly(
            new RunbookSource.Unreadable("latin1.md", "not UTF-8 text: save it as UTF-8"));
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("not needed by the tests");
    }
  }
}
