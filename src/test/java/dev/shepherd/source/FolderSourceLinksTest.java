package dev.shepherd.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.runbook.RunbookFile;
import dev.shepherd.runbook.RunbookSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A runbooks folder holds links: those that lead outside it are not followed. */
class FolderSourceLinksTest {
  @TempDir Path root;

  @Test
  void linkToAFileOutsideTheFolderIsReportedUnreadableAndNotRead() throws Exception {
    Path runbooks = Files.createDirectories(root.resolve("runbooks"));
    Files.writeString(runbooks.resolve("deploy.md"), "# Deploy\n\n## Step 1: Go\nGo.\n");
    Files.writeString(root.resolve("secret.md"), "# aws_secret_access_key=AKIA-NOT-FOR-SLACK\n");
    Files.createSymbolicLink(runbooks.resolve("leak.md"), Path.of("../secret.md"));
    Files.createSymbolicLink(runbooks.resolve("alias.md"), Path.of("deploy.md"));

    RunbookSource.Snapshot snapshot = new FolderSource(runbooks).load();

    assertThat(snapshot.files())
        .extracting(RunbookFile::path)
        .containsExactly("alias.md", "deploy.md");
    assertThat(snapshot.files())
        .extracting(RunbookFile::content)
        .noneMatch(text -> text.contains("AKIA"));
    assertThat(snapshot.unreadable())
        .containsExactly(
            new RunbookSource.Unreadable(
                "leak.md",
                "a link to a file outside the runbooks folder "
                    + runbooks
                    + ": Shepherd reads only files inside it"));
  }

  @Test
  void pinnedPathLeadingOutsideTheFolderIsRefused() throws Exception {
    Path runbooks = Files.createDirectories(root.resolve("runbooks"));
    Files.writeString(root.resolve("secret.md"), "# secret\n");
    FolderSource source = new FolderSource(runbooks);
    RunbookFile secret = new FolderSource(root).load().files().get(0);

    assertThatThrownBy(() -> source.read("../secret.md", secret.revision()))
        .isInstanceOf(RunbookSource.SourceException.class)
        .hasMessage(
            "../secret.md is outside the runbooks folder "
                + runbooks
                + ": Shepherd reads only files inside it");
  }
}
