package dev.shepherd.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An allow comment left open ({@code <!-- shepherd: allow} and blanks, no {@code -->}) made the
 * comment's pattern back off over every blank, cubically: lint, and each start that lints, spun.
 */
class HostileAllowCommentTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anUnclosedAllowCommentLintsInLinearTime() {
    Workspace workspace = new Workspace(dir);
    workspace.runbook(
        "deploy.md",
        "# Deploy the edge\n\n## Deploy\n<!-- shepherd: allow"
            + " ".repeat(64_000)
            + "\n\nDeploy it.\n"
            + Workspace.ERROR_PATHS);

    Workspace.Run run = workspace.lint();

    assertThat(run.lines()).last().isEqualTo("0 errors, 0 warnings in 1 runbook for 3 partitions");
  }

  @Test
  void aClosedAllowCommentStillAllows() {
    assertThat(RunbookText.allowed("x <!-- shepherd: allow us-east-2, 1111 --> y"))
        .containsExactly("us-east-2", "1111");
  }
}
