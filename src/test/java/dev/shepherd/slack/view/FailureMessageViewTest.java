package dev.shepherd.slack.view;

import static dev.shepherd.slack.view.BlockKitLimits.assertWithinLimits;
import static dev.shepherd.slack.view.ViewFixture.LOCATION;
import static dev.shepherd.slack.view.ViewFixture.ROLLOUT_ID;
import static dev.shepherd.slack.view.ViewFixture.actionIds;
import static dev.shepherd.slack.view.ViewFixture.blocksOf;
import static dev.shepherd.slack.view.ViewFixture.button;
import static dev.shepherd.slack.view.ViewFixture.buttons;
import static dev.shepherd.slack.view.ViewFixture.forward;
import static dev.shepherd.slack.view.ViewFixture.rollout;
import static dev.shepherd.slack.view.ViewFixture.run;
import static dev.shepherd.slack.view.ViewFixture.runningWith;
import static dev.shepherd.slack.view.ViewFixture.step;
import static dev.shepherd.slack.view.ViewFixture.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureMessageViewTest {
  private static final StepRun FAILED =
      run(Phase.FORWARD, 2, 2, "Deploy the stack", true, StepState.FAILED);

  private static SlackMessage render(Rollout rollout, StepRun run, boolean protectedPartition) {
    List<SlackMessage> messages =
        FailureMessageView.render(
            rollout, run, step(run.runbookStep()), protectedPartition, LOCATION);
    assertWithinLimits(messages);
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }

  @Test
  void offersRetryRollBackAndAbortForTheFailedStep() {
    SlackMessage message = render(runningWith(FAILED), FAILED, false);

    assertThat(actionIds(message))
        .containsExactly(ActionIds.RETRY, ActionIds.ROLLBACK, ActionIds.ABORT, ActionIds.SYMPTOM);
    assertThat(buttons(message))
        .allSatisfy(
            button ->
                assertThat(button.get("value").getAsString()).isEqualTo(ROLLOUT_ID + ":forward:2"));
    assertThat(message.text())
        .isEqualTo("Step 2 of 4 failed on prod: Deploy the stack — retry, roll back or abort");
  }

  @Test
  void rollBackAndAbortAlwaysAskForConfirmationRetryOnlyOnAProtectedPartition() {
    SlackMessage ordinary = render(runningWith(FAILED), FAILED, false);
    SlackMessage guarded = render(runningWith(FAILED), FAILED, true);

    assertThat(button(ordinary, ActionIds.RETRY).has("confirm")).isFalse();
    assertThat(
            button(ordinary, ActionIds.ROLLBACK)
                .getAsJsonObject("confirm")
                .getAsJsonObject("text")
                .get("text")
                .getAsString())
        .isEqualTo(
            "Walk the rollback of step 2 (Deploy the stack) and of every step done before"
                + " it, newest first, on prod?");
    assertThat(
            button(ordinary, ActionIds.ABORT)
                .getAsJsonObject("confirm")
                .getAsJsonObject("text")
                .get("text")
                .getAsString())
        .isEqualTo(
            "Abort this rollout of oam-secrets on prod? Nothing is rolled back: the"
                + " partition is left as it is now.");
    assertThat(
            button(ordinary, ActionIds.ABORT).getAsJsonObject("confirm").get("style").getAsString())
        .isEqualTo("danger");
    assertThat(buttons(guarded))
        .hasSize(4)
        .filteredOn(b -> !b.toString().contains(ActionIds.SYMPTOM))
        .hasSize(3)
        .allSatisfy(button -> assertThat(button.has("confirm")).isTrue());
  }

  @Test
  void showsTroubleshootingRowsDiagnosisAndRollbackCommands() {
    List<String> texts = texts(render(runningWith(FAILED), FAILED, false));

    assertThat(texts.get(0)).isEqualTo(":x: Step 2 failed: Deploy the stack");
    assertThat(texts)
        .containsSubsequence(
            ":mag: *Troubleshooting* `runbooks/oam-secrets.md:36`\n"
                + "• *`UPDATE_ROLLBACK_COMPLETE`* → a secret ARN does not exist in Arda-ProdOAM"
                + " → create the secret, rerun the deploy\n"
                + "• *`Rate exceeded`* → CloudFormation throttling → wait one minute, rerun",
            ":stethoscope: *Diagnosis*\nIf it fails otherwise, read *deploy.log* first.",
            ":leftwards_arrow_with_hook: *Rollback* `runbooks/oam-secrets.md:41`\n"
                + "Restore the previous stack revision:\n```\n"
                + "./amm.sh rollback oam-secrets --partition prod --to previous\n```");
  }

  @Test
  void stepWithoutTroubleshootingOrRollbackSaysSoAndStillOffersTheWaysOut() {
    StepRun smoke = run(Phase.FORWARD, 3, 3, "Smoke test", false, StepState.FAILED);

    SlackMessage message = render(runningWith(smoke), smoke, false);

    assertThat(texts(message))
        .containsSubsequence(
            "The runbook gives no troubleshooting for this step.",
            ":leftwards_arrow_with_hook: no rollback written for this step");
    assertThat(actionIds(message))
        .containsExactly(ActionIds.RETRY, ActionIds.ROLLBACK, ActionIds.ABORT, ActionIds.SYMPTOM);
  }

  @Test
  void contextSaysWhoFailedItWhenAndWhy() {
    StepRun failed =
        new StepRun(
            Phase.FORWARD,
            2,
            2,
            "Deploy the stack",
            true,
            true,
            StepState.FAILED,
            List.of(),
            FAILED.postedAt(),
            FAILED.finishedAt(),
            FAILED.finishedBy(),
            Optional.of("<ROLLBACK_COMPLETE> after 3 tries"));

    SlackMessage message = render(runningWith(failed), failed, false);

    assertThat(texts(message).get(1))
        .startsWith(
            ":x: Failed by <@U0ALICE> <!date^1795770600^"
                + "{date_short_pretty} {time}|2026-11-27 09:10 UTC>: &lt;ROLLBACK_COMPLETE&gt; after 3"
                + " tries | `runbooks/oam-secrets.md:23` | *prod*");
  }

  @Test
  void failedRollbackStepOffersRetryAndAbortButNoSecondRollback() {
    StepRun back = run(Phase.ROLLBACK, 1, 2, "Deploy the stack", true, StepState.FAILED);
    List<StepRun> steps = new ArrayList<>(forward(1));
    steps.set(1, FAILED);
    Rollout rolling =
        rollout(RolloutState.ROLLING_BACK, steps, List.of(back), List.of(), Optional.empty());

    SlackMessage message = render(rolling, back, false);

    assertThat(actionIds(message))
        .containsExactly(ActionIds.RETRY, ActionIds.ABORT, ActionIds.SYMPTOM);
    assertThat(texts(message).get(0)).isEqualTo(":x: Rollback of step 2 failed: Deploy the stack");
    assertThat(message.text())
        .isEqualTo("Rollback of step 2 failed on prod: Deploy the stack — retry or abort");
  }

  @Test
  void failureThatIsNoLongerOpenHasNoButtons() {
    Rollout aborted =
        rollout(
            RolloutState.ABORTED,
            runningWith(FAILED).steps(),
            List.of(),
            List.of(),
            Optional.empty());

    SlackMessage message = render(aborted, FAILED, false);

    assertThat(blocksOf(message, "actions")).isEmpty();
    assertThat(texts(message))
        .contains(
            ":information_source: this failure is no longer open:"
                + " step 2 is failed, the rollout is aborted");
  }
}
