package dev.shepherd.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.learning.writeback.RunbookPatch;
import dev.shepherd.runbook.Revision;
import dev.shepherd.runbook.RunbookParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The diff of a proposal, applied with the real {@code git apply} in a checkout of the file. */
class UnifiedDiffTest {
  private static final String RUNBOOK =
      """
      # Restart the runner

      ## Step 1: Drain

      Run `./drain.sh`.

      ### Troubleshooting

      | Symptom | Cause | Fix |
      | --- | --- | --- |
      | drain hangs | a stuck job | kill it |

      ## Step 2: Restart

      Run `./restart.sh`.
      """;

  @TempDir Path checkout;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"lf", "crlf", "no final newline", "bom"})
  void gitApplyTakesTheDiffAndGivesThePatchedText(String variant) throws Exception {
    String original =
        switch (variant) {
          case "crlf" -> RUNBOOK.replace("\n", "\r\n");
          case "no final newline" -> RUNBOOK.strip();
          case "bom" -> "\uFEFF" + RUNBOOK;
          default -> RUNBOOK;
        };
    String path = "docs/runbooks/ops/runner.md";
    String patched = patch("ops/runner.md", original);
    git("init", "-q", "-b", "main");
    write(path, original);
    git("add", ".");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "runbook");
    Path diff = checkout.resolve("proposal.diff");
    String text = UnifiedDiff.of(path, original, patched);
    Files.writeString(diff, text, StandardCharsets.UTF_8);

    assertThat(text)
        .startsWith(
            "diff --git a/"
                + path
                + " b/"
                + path
                + "\n--- a/"
                + path
                + "\n+++ b/"
                + path
                + "\n@@ ");
    assertThat(git("apply", "--check", diff.toString())).isEqualTo("");
    git("apply", diff.toString());
    assertThat(Files.readString(checkout.resolve(path), StandardCharsets.UTF_8)).isEqualTo(patched);
  }

  @org.junit.jupiter.api.Test
  void noChangeIsNoDiff() {
    assertThat(UnifiedDiff.of("a.md", RUNBOOK, RUNBOOK)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void pathsWithQuotesAreQuotedAsGitQuotesThem() {
    assertThat(UnifiedDiff.quoted("a/say \"hi\".md")).isEqualTo("\"a/say \\\"hi\\\".md\"");
    assertThat(UnifiedDiff.quoted("a/plain name.md")).isEqualTo("a/plain name.md");
  }

  private static String patch(String path, String text) {
    RunbookFinding finding =
        new RunbookFinding(
            "unmatched_symptom:2:1",
            "5e6f7a8b-1111",
            "runner",
            Revision.commit("abc"),
            "prod",
            Instant.parse("2026-11-30T10:00:00Z"),
            RunbookFinding.Kind.UNMATCHED_SYMPTOM,
            2,
            "Restart",
            "`runner exited with code 137`",
            "",
            Optional.empty(),
            Optional.empty());
    RunbookFinding skipped =
        new RunbookFinding(
            "skipped:1:1",
            "5e6f7a8b-1111",
            "runner",
            Revision.commit("abc"),
            "prod",
            Instant.parse("2026-11-30T10:00:00Z"),
            RunbookFinding.Kind.SKIPPED,
            1,
            "Drain",
            "",
            "nothing was running",
            Optional.empty(),
            Optional.empty());
    RunbookPatch.Result result =
        RunbookPatch.apply(
            text,
            new RunbookParser().parse(path, text, Revision.commit("abc")),
            List.of(finding, skipped));
    assertThat(result.changes()).hasSize(2);
    return result.text();
  }

  private void write(String path, String text) throws IOException {
    Path file = checkout.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** Runs git in the checkout and returns what it printed on stderr; fails on a non-zero exit. */
  private String git(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(checkout.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("git %s: %s", String.join(" ", args), err).isZero();
    return err;
  }
}
