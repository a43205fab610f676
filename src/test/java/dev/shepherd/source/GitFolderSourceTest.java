package dev.shepherd.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.runbook.RunbookFile;
import dev.shepherd.runbook.RunbookSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A git source pointed at one folder of a docs repository: {@code …infra.git#main:docs/runbooks}.
 */
class GitFolderSourceTest {
  private static final PersonIdent AUTHOR =
      new PersonIdent(
          "Author", "author@example.com", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path repoDir;
  @TempDir Path dataDir;

  @Test
  void onlyTheFolderIsReadAndPathsAreRelativeToIt() throws Exception {
    try (Git repo = Git.init().setDirectory(repoDir.toFile()).setInitialBranch("main").call()) {
      for (String path :
          List.of(
              "README.md",
              "docs/guide.md",
              "docs/runbooks/restore.md",
              "docs/runbooks/db/failover.markdown",
              "docs/runbooks/README.md")) {
        Path file = repoDir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# " + path + "\n\n## Step 1: Go\nGo.\n", StandardCharsets.UTF_8);
        repo.add().addFilepattern(path).call();
      }
      repo.commit().setMessage("docs").setAuthor(AUTHOR).setCommitter(AUTHOR).call();
    }
    RunbookSource source =
        RunbookSources.open(
            "file://" + repoDir.toAbsolutePath() + "#main:docs/runbooks/", dataDir, Map.of());

    RunbookSource.Snapshot snapshot = source.load();

    assertThat(snapshot.files())
        .extracting(RunbookFile::path)
        .containsExactly("db/failover.markdown", "restore.md");
    RunbookFile restore = snapshot.files().get(1);
    assertThat(source.read("restore.md", restore.revision()).content())
        .startsWith("# docs/runbooks/restore.md");
    assertThat(source.describe()).endsWith("#main:docs/runbooks");
  }

  @Test
  void urlFragmentHoldsBranchAndFolder() {
    assertThat(GitUrl.parse("https://git.example.com/infra.git#main:docs/runbooks"))
        .isEqualTo(
            new GitUrl(
                "https://git.example.com/infra.git",
                Optional.of("main"),
                Optional.of("docs/runbooks")));
    assertThat(GitUrl.parse("https://git.example.com/infra.git#:ops"))
        .isEqualTo(
            new GitUrl("https://git.example.com/infra.git", Optional.empty(), Optional.of("ops")));
    assertThat(GitUrl.parse("https://git.example.com/infra.git#v2"))
        .isEqualTo(new GitUrl("https://git.example.com/infra.git", Optional.of("v2")));
  }
}
