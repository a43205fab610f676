package dev.shepherd.slack.view;

import static dev.shepherd.slack.view.BlockKitLimits.assertWithinLimits;
import static dev.shepherd.slack.view.ViewFixture.LOCATION;
import static dev.shepherd.slack.view.ViewFixture.blocks;
import static dev.shepherd.slack.view.ViewFixture.blocksOf;
import static dev.shepherd.slack.view.ViewFixture.forward;
import static dev.shepherd.slack.view.ViewFixture.rollout;
import static dev.shepherd.slack.view.ViewFixture.runbook;
import static dev.shepherd.slack.view.ViewFixture.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.ChoreographyOverride;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.runbook.Runbook;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RootMessageViewTest {
  private static final String LAST =
      "prod is the last partition: latent bugs that only fire here"
          + " surface now. Is the rollback procedure ready?";
  private static final String OVERRIDE =
      "started despite the choreography by @U0ALICE: hotfix"
          + " for INC-42 <sev1> (not completed yet: stage)";
  private static final String FIRST =
      "first rollout of oam-secrets on prod: nobody has walked" + " this runbook here before";

  private static SlackMessage render(
      List<String> warnings, Optional<ChoreographyOverride> override) {
    Rollout rollout = rollout(RolloutState.RUNNING, forward(0), List.of(), warnings, override);
    SlackMessage message = RootMessageView.render(rollout, runbook(), LOCATION);
    assertWithinLimits(message);
    return message;
  }

  @Test
  void lastPartitionWarningIsItsOwnBlockRightUnderTheHeader() {
    SlackMessage message = render(List.of(LAST, OVERRIDE, FIRST), Optional.empty());

    List<String> texts = texts(message);
    assertThat(texts.get(0)).isEqualTo("Roll out OAM secrets");
    assertThat(blocks(message).get(1).getAsJsonObject().get("type").getAsString())
        .isEqualTo("section");
    assertThat(texts.get(1))
        .isEqualTo(
            ":rotating_light: *prod is the last partition*: latent"
                + " bugs that only fire here surface now. Is the rollback procedure ready?");
    assertThat(texts)
        .containsSubsequence(
            texts.get(1),
            ":warning: started despite the choreography by <@U0ALICE>: hotfix for INC-42 &lt;sev1&gt;"
                + " (not completed yet: stage)",
            ":warning: " + FIRST);
    assertThat(texts).filteredOn(t -> t.contains("last partition")).hasSize(1);
    assertThat(message.text())
        .isEqualTo(
            ":rotating_light: last partition: Rollout of Roll out"
                + " OAM secrets on prod by <@U0OPERATOR> — 4 steps, 3 warnings");
  }

  @Test
  void otherPartitionsGetPlainWarningsInTheEnginesOrder() {
    SlackMessage message = render(List.of(FIRST), Optional.empty());

    assertThat(texts(message)).noneMatch(t -> t.contains(":rotating_light:"));
    assertThat(texts(message).get(1)).startsWith("rollout `");
    assertThat(texts(message)).contains(":warning: " + FIRST);
    assertThat(message.text())
        .isEqualTo("Rollout of Roll out OAM secrets on prod by <@U0OPERATOR> — 4 steps, 1 warning");
  }

  @Test
  void contextNamesRolloutRevisionPartitionOperatorAndApprovers() {
    SlackMessage message = render(List.of(), Optional.empty());

    assertThat(texts(message).get(1))
        .isEqualTo(
            "rollout `7d2f8a4e-1c1b-4c55-9f1e-0a6b2b1c9d01`"
                + " | runbook oam-secrets @ `abc1234` · `runbooks/oam-secrets.md`"
                + " | partition *prod* | operator <@U0OPERATOR>"
                + " | approvers <@U0ALICE>, <@U0BOB> (2 per step) | running");
  }

  @Test
  void showsWhoOverrodeTheChoreographyAndWhy() {
    SlackMessage message =
        render(
            List.of(LAST, OVERRIDE),
            Optional.of(
                new ChoreographyOverride("U0ALICE", "hotfix for INC-42 <sev1> & @U0BOB agreed")));

    assertThat(texts(message))
        .contains(
            ":twisted_rightwards_arrows: *Started despite the"
                + " choreography* by <@U0ALICE>: hotfix for INC-42 &lt;sev1&gt; &amp; @\u2060U0BOB agreed");
  }

  @Test
  void listsTheChecklistEscapedAndTheStepsAhead() {
    SlackMessage message = render(List.of(), Optional.empty());

    assertThat(texts(message))
        .containsSubsequence(
            "Moves the OAM secrets into the partition's own vault.",
            ":clipboard: *Checklist* — before the first step\n"
                + "• ☐ Vault Arda-ProdOAM exists &amp; the deploy role can read it\n"
                + "• ☐ On-call for prod knows the window",
            ":footprints: *Steps*\n1. Check for drift\n2. Deploy the stack — _needs approval_\n"
                + "3. Smoke test\n4. Clean up the shared store");
  }

  @Test
  void hugeChecklistStillFitsOneMessageAndPointsAtTheRunbook() {
    StringBuilder markdown = new StringBuilder("---\nid: huge\nchecklist:\n");
    for (int i = 0; i < 3000; i++) {
      markdown.append("  - item ").append(i).append(" must be checked & signed off by the team\n");
    }
    markdown.append("---\n## Step 1: Go\nGo.\n");
    Runbook huge = ViewFixture.runbook(markdown.toString());
    List<StepRun> steps =
        List.of(
            new StepRun(
                Phase.FORWARD,
                1,
                1,
                "Go",
                false,
                false,
                StepState.POSTED,
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));

    SlackMessage message =
        RootMessageView.render(
            rollout(
                RolloutState.RUNNING,
                steps,
                List.of(),
                new ArrayList<>(List.of(LAST)),
                Optional.empty()),
            huge,
            "runbooks/huge.md");

    assertWithinLimits(message);
    assertThat(message.blocks()).hasSize(50);
    assertThat(ViewFixture.text(blocksOf(message, "context").get(1)))
        .endsWith("more blocks not shown here: see `runbooks/huge.md`");
  }

  @Test
  void introductionWrappedOverSeveralSourceLinesIsPostedOnOneLine() {
    Runbook runbook =
        ViewFixture.runbook(
            "# Wrapped\n\nMoves the **secrets** of {{partition}}\n"
                + "into the partition's own vault,\none service at a time.\n\n"
                + "```bash\n./check.sh\n--all\n```\n\n## Step 1: Go\nGo.\n");
    List<StepRun> steps =
        List.of(
            new StepRun(
                Phase.FORWARD,
                1,
                1,
                "Go",
                false,
                false,
                StepState.POSTED,
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));

    SlackMessage message =
        RootMessageView.render(
            rollout(RolloutState.RUNNING, steps, List.of(), new ArrayList<>(), Optional.empty()),
            runbook,
            "runbooks/wrapped.md");

    assertThat(texts(message))
        .contains(
            "Moves the *secrets* of prod into the partition's own vault, one service at a time.\n"
                + "\n```\n./check.sh\n--all\n```");
  }

  @Test
  void wholeIntroductionIsShownSplitIntoSectionsSlackAccepts() {
    StringBuilder intro = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      intro
          .append("Paragraph ")
          .append(i)
          .append(
              " explains why this runbook exists and what it"
                  + " touches before anyone starts.\n\n");
    }
    Runbook runbook =
        ViewFixture.runbook("# Long introduction\n\n" + intro + "## Step 1: Go\nGo.\n");
    List<StepRun> steps =
        List.of(
            new StepRun(
                Phase.FORWARD,
                1,
                1,
                "Go",
                false,
                false,
                StepState.POSTED,
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));

    SlackMessage message =
        RootMessageView.render(
            rollout(RolloutState.RUNNING, steps, List.of(), new ArrayList<>(), Optional.empty()),
            runbook,
            "runbooks/long.md");

    assertWithinLimits(message);
    String shown = String.join("\n", texts(message));
    assertThat(shown).contains("Paragraph 0 explains", "Paragraph 119 explains why this runbook");
    assertThat(texts(message).stream().filter(t -> t.startsWith("Paragraph")).count())
        .isGreaterThan(3);
    assertThat(texts(message).get(texts(message).size() - 1))
        .isEqualTo(":footprints: *Steps*\n1. Go");
  }

  @Test
  void introductionTooLongForOneMessageSaysWhereItGoesOnAndKeepsTheSteps() {
    StringBuilder intro = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      intro
          .append("Line ")
          .append(i)
          .append(" of an introduction nobody should write this long.\n\n");
    }
    Runbook runbook = ViewFixture.runbook("# Huge\n\n" + intro + "## Step 1: Go\nGo.\n");
    List<StepRun> steps =
        List.of(
            new StepRun(
                Phase.FORWARD,
                1,
                1,
                "Go",
                false,
                false,
                StepState.POSTED,
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));

    SlackMessage message =
        RootMessageView.render(
            rollout(RolloutState.RUNNING, steps, List.of(), new ArrayList<>(), Optional.empty()),
            runbook,
            "runbooks/huge.md");

    assertWithinLimits(message);
    assertThat(message.blocks()).hasSize(50);
    assertThat(texts(message))
        .anySatisfy(
            t ->
                assertThat(t)
                    .startsWith(":scissors: the introduction goes on for ")
                    .endsWith(": see `runbooks/huge.md`"));
    assertThat(texts(message).get(texts(message).size() - 1))
        .isEqualTo(":footprints: *Steps*\n1. Go");
  }
}
