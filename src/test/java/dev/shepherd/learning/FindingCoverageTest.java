package dev.shepherd.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.learning.finding.FindingCoverage;
import dev.shepherd.learning.finding.FindingRiskRegister;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.runbook.Revision;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookParser;
import dev.shepherd.runbook.Step;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingCoverageTest {
  private static final String REPEATED =
      """
      # Two verifies

      ## Step 1: Verify
      Check the old service.

      ## Step 2: Switch
      Switch the traffic.

      ## Step 3: Verify
      Check the new service.
      """;

  private static Runbook parse(String text) {
    return new RunbookParser().parse("two.md", text, Revision.commit("abc"));
  }

  @Test
  void aRepeatedTitleIsTheStepAtItsNumber() {
    Runbook runbook = parse(REPEATED);

    assertThat(FindingCoverage.step(runbook, 3, "Verify")).map(Step::number).contains(3);
    assertThat(FindingCoverage.step(runbook, 1, "Verify")).map(Step::number).contains(1);
  }

  @Test
  void aStepMovedByAnInsertionIsFoundByItsTitleNearestItsNumber() {
    Runbook moved =
        parse(
            REPEATED
                .replace("## Step 2: Switch", "## Step 2: Drain\nDrain it.\n\n## Step 3: Switch")
                .replace("## Step 3: Verify", "## Step 4: Verify"));

    assertThat(FindingCoverage.step(moved, 3, "Verify")).map(Step::number).contains(4);
    assertThat(FindingCoverage.step(moved, 2, "Switch")).map(Step::number).contains(3);
  }

  @Test
  void aRenamedStepIsTheOneAtItsNumber() {
    Runbook renamed = parse(REPEATED.replace("## Step 2: Switch", "## Step 2: Cut over"));

    assertThat(FindingCoverage.step(renamed, 2, "Switch")).map(Step::number).contains(2);
  }

  @Test
  void aMultiLineReasonIsOneRiskLine() {
    RunbookFinding skipped =
        new RunbookFinding(
            "skipped:2:1",
            "1a2b3c4d-0000",
            "two",
            Revision.commit("abc"),
            "prod",
            Instant.parse("2026-11-30T10:00:00Z"),
            RunbookFinding.Kind.SKIPPED,
            2,
            "Switch",
            "",
            "skipped by @U0ALICE: done by hand\nsee INC-7\n\n" + "x".repeat(800),
            Optional.empty(),
            Optional.empty());

    String words = FindingRiskRegister.words(skipped);
    assertThat(words)
        .startsWith("step 2 (Switch) was skipped by @U0ALICE: done by hand\nsee INC-7");
    assertThat(FindingRiskRegister.line(skipped, true))
        .doesNotContain("\n")
        .hasSizeLessThanOrEqualTo(FindingRiskRegister.LINE)
        .startsWith(
            "Last run on prod: step 2 (Switch) was skipped by @U0ALICE: done by hand see INC-7 x");
  }
}
