package dev.shepherd.slack.view;

import static dev.shepherd.slack.view.BlockKitLimits.assertWithinLimits;
import static dev.shepherd.slack.view.ViewFixture.run;
import static dev.shepherd.slack.view.ViewFixture.running;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.runbook.Command;
import dev.shepherd.runbook.Section;
import dev.shepherd.runbook.Step;
import dev.shepherd.runbook.TroubleshootingRow;
import dev.shepherd.runbook.Warning;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Text no runbook should hold, but one might: every view still posts, quickly. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HostileInputTest {
  static Stream<String> hostile() {
    return Stream.of(
        "&".repeat(20_000),
        "<".repeat(20_000) + ">".repeat(20_000),
        "*".repeat(20_000),
        "_a".repeat(10_000),
        "[".repeat(10_000) + "](x)".repeat(2_000),
        "`".repeat(9_999),
        "```\n".repeat(3_001),
        "~~~\n" + "x\n".repeat(5_000),
        "> ".repeat(5_000) + "deep quote",
        "- ".repeat(5_000) + "deep list",
        "<https://example.com/" + "a".repeat(5_000) + "|" + "b".repeat(5_000) + ">",
        "x".repeat(50_000),
        ("😀".repeat(1_499) + "\n").repeat(5),
        "@U0ALICE ".repeat(4_000),
        "\r\n\r\n\n\r".repeat(2_000));
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void everyStepViewStaysWithinSlackLimits(String markdown) {
    Section section = new Section(markdown, List.of(new Command("", markdown, 3)), 2);
    Step step =
        new Step(
            1,
            "Hostile " + markdown.substring(0, Math.min(200, markdown.length())),
            1,
            section,
            Optional.of(section),
            List.of(new TroubleshootingRow(markdown, markdown, markdown, 5)),
            Optional.of(section),
            Optional.of(section),
            Optional.of(section),
            List.of(new Warning(markdown, 4)),
            true,
            false,
            false);
    StepRun posted = run(Phase.FORWARD, 1, 1, step.title(), true, StepState.POSTED);
    StepRun failed = run(Phase.FORWARD, 1, 1, step.title(), true, StepState.FAILED);
    StepRun back = run(Phase.ROLLBACK, 1, 1, step.title(), true, StepState.POSTED);

    assertWithinLimits(
        StepMessageView.render(running(List.of(posted)), posted, step, true, "x.md"));
    assertWithinLimits(
        FailureMessageView.render(running(List.of(failed)), failed, step, true, "x.md"));
    assertWithinLimits(RollbackStepView.render(running(List.of(failed)), back, step, true, "x.md"));
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void conversionNeverLeavesARawAngleBracketOrAnOpenFence(String markdown) {
    String mrkdwn = Mrkdwn.fromMarkdown(markdown);

    assertThat(TextChunks.balanced(mrkdwn)).isTrue();
    assertThat(mrkdwn.replaceAll("(?m)^> ", "").replaceAll("<https?://[^<>]*>", ""))
        .as("no angle bracket but a quote marker or a link")
        .doesNotContain("<", ">");
  }
}
