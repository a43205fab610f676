package dev.shepherd.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.runbook.RunbookFile;
import dev.shepherd.runbook.RunbookSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A git source within bounds, over a local bare repository (file://) holding a 2 MB blob, an extra
 * branch and a tag: only the tracked branch is fetched, and what is over a cap is reported
 * unreadable, not read.
 */
class GitBoundsTest {
  private static final String RUNBOOK = "# Deploy\n\n## Step 1: Go\nGo.\n";

  @TempDir Path work;
  @TempDir Path data;
  private Path bare;

  @BeforeEach
  void repositoryWithAHugeBlobAndAnExtraBranch() throws Exception {
    Path checkout = work.resolve("checkout");
    try (Git git = Git.init().setDirectory(checkout.toFile()).setInitialBranch("main").call()) {
      write(checkout, "runbooks/a.md", RUNBOOK);
      write(checkout, "runbooks/b.md", RUNBOOK);
      write(checkout, "runbooks/huge.md", "# Huge\n" + "x".repeat(2 * 1024 * 1024));
      git.add().addFilepattern("runbooks").call();
      git.commit().setMessage("runbooks").setSign(false).call();
      git.branchCreate().setName("other").call();
      git.checkout().setName("other").call();
      write(checkout, "runbooks/other.md", RUNBOOK);
      git.add().addFilepattern("runbooks").call();
      git.commit().setMessage("other").setSign(false).call();
      git.tag().setName("v1").setSigned(false).setAnnotated(false).call();
      git.checkout().setName("main").call();
    }
    bare = work.resolve("infra.git");
    Git.cloneRepository()
        .setURI(checkout.toUri().toString())
        .setDirectory(bare.toFile())
        .setBare(true)
        .setCloneAllBranches(true)
        .call()
        .close();
  }

  private static void write(Path root, String path, String text) throws Exception {
    Files.createDirectories(root.resolve(path).getParent());
    Files.writeString(root.resolve(path), text);
  }

  private RunbookSource open(Map<String, String> env) {
    return RunbookSources.open("file://" + bare.toAbsolutePath() + "#main:runbooks", data, env);
  }

  /** The one clone under the data folder's git/ (apart from the database file). */
  private Path theClone() throws Exception {
    try (Stream<Path> clones = Files.list(data.resolve("git"))) {
      return clones.findFirst().orElseThrow();
    }
  }

  @Test
  void runbookOverOneMegabyteIsUnreadableAndNotRead() throws Exception {
    RunbookSource.Snapshot snapshot = open(Map.of()).load();

    assertThat(snapshot.files()).extracting(RunbookFile::path).containsExactly("a.md", "b.md");
    assertThat(snapshot.unreadable())
        .containsExactly(
            new RunbookSource.Unreadable(
                "huge.md",
                "over the 1048576-byte limit for a runbook (SHEPHERD_GIT_MAX_FILE_BYTES):"
                    + " not read"));
  }

  @Test
  void onlyTheTrackedBranchIsFetchedShallowIntoAFolderOfItsOwn() throws Exception {
    open(Map.of()).load();

    Path clone = theClone();
    assertThat(clone.getParent()).isEqualTo(data.resolve("git"));
    try (Git git = Git.open(clone.toFile())) {
      List<String> refs =
          git.getRepository().getRefDatabase().getRefs().stream().map(Ref::getName).toList();
      assertThat(refs).containsExactly("refs/remotes/origin/main");
    }
    assertThat(clone.resolve("shallow")).exists();
  }

  @Test
  void fileCountAndTotalCapsComeFromTheEnvironment() throws Exception {
    RunbookSource.Snapshot count = open(Map.of("SHEPHERD_GIT_MAX_FILES", "1")).load();
    RunbookSource.Snapshot total =
        open(Map.of("SHEPHERD_GIT_MAX_TOTAL_BYTES", String.valueOf(RUNBOOK.length() + 1))).load();

    assertThat(count.files()).extracting(RunbookFile::path).containsExactly("a.md");
    assertThat(count.unreadable())
        .extracting(RunbookSource.Unreadable::reason)
        .contains("not read: this source has more than 1 runbooks (SHEPHERD_GIT_MAX_FILES)");
    assertThat(total.files()).extracting(RunbookFile::path).containsExactly("a.md");
    assertThat(total.unreadable())
        .contains(
            new RunbookSource.Unreadable(
                "b.md",
                "not read: this source's runbooks are over "
                    + (RUNBOOK.length() + 1)
                    + " bytes in all (SHEPHERD_GIT_MAX_TOTAL_BYTES)"));
  }

  @Test
  void snapshotThatCannotBeFetchedKeepsThePreviousOneServing() throws Exception {
    RunbookSource source = open(Map.of("SHEPHERD_GIT_FETCH_SECONDS", "0"));
    RunbookSource.Snapshot first = source.load();
    Files.move(bare, work.resolve("moved-away.git"));

    RunbookSource.Snapshot second = source.load();

    assertThat(second).isEqualTo(first);
    assertThat(second.files()).extracting(RunbookFile::path).containsExactly("a.md", "b.md");
  }
}
