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
import static dev.shepherd.slack.view.ViewFixture.step;
import static dev.shepherd.slack.view.ViewFixture.text;
import static dev.shepherd.slack.view.ViewFixture.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RollbackStepViewTest {
  /** Step 2 failed on prod; the walk rolls back step 2, then step 1. */
  private static Rollout rollingBack(StepRun first, StepRun second) {
    List<StepRun> steps = new ArrayList<>(forward(1));
    steps.set(1, run(Phase.FORWARD, 2, 2, "Deploy the stack", true, StepState.FAILED));
    return rollout(
        RolloutState.ROLLING_BACK, steps, List.of(first, second), List.of(), Optional.empty());
  }

  private static SlackMessage render(
      Rollout rollout, StepRun run, int runbookStep, boolean protectedPartition) {
    List<SlackMessage> messages =
        RollbackStepView.render(rollout, run, step(runbookStep), protectedPartition, LOCATION);
    assertWithinLimits(messages);
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }

  @Test
  void postedRollbackStepOffersDoneApproveAndFailedButNeverSkip() {
    StepRun first = run(Phase.ROLLBACK, 1, 2, "Deploy the stack", true, StepState.POSTED);
    StepRun second = run(Phase.ROLLBACK, 2, 1, "Check for drift", false, StepState.PENDING);

    SlackMessage message = render(rollingBack(first, second), first, 2, false);

    assertThat(actionIds(message))
        .containsExactly(ActionIds.DONE, ActionIds.APPROVE, ActionIds.FAIL);
    assertThat(buttons(message))
        .allSatisfy(
            button ->
                assertThat(button.get("value").getAsString())
                    .matches(ROLLOUT_ID + ":rollback:1:sha256:[0-9a-f]{24}"));
    assertThat(
            button(message, ActionIds.APPROVE)
                .getAsJsonObject("confirm")
                .getAsJsonObject("title")
                .get("text")
                .getAsString())
        .isEqualTo("Approve rollback of step 2?");
    assertThat(button(message, ActionIds.DONE).has("confirm")).isFalse();
  }

  @Test
  void rollbackStepThatNeedsNoApprovalOffersDoneAndFailed() {
    StepRun first = run(Phase.ROLLBACK, 1, 2, "Deploy the stack", true, StepState.DONE);
    StepRun second = run(Phase.ROLLBACK, 2, 1, "Check for drift", false, StepState.POSTED);

    SlackMessage message = render(rollingBack(first, second), second, 1, false);

    assertThat(actionIds(message)).containsExactly(ActionIds.DONE, ActionIds.FAIL);
    assertThat(buttons(message))
        .allSatisfy(
            button ->
                assertThat(button.get("value").getAsString())
                    .matches(ROLLOUT_ID + ":rollback:2:sha256:[0-9a-f]{24}"));
  }

  @Test
  void everyButtonAsksForConfirmationOnAProtectedPartition() {
    StepRun first = run(Phase.ROLLBACK, 1, 2, "Deploy the stack", true, StepState.POSTED);
    StepRun second = run(Phase.ROLLBACK, 2, 1, "Check for drift", false, StepState.PENDING);

    SlackMessage message = render(rollingBack(first, second), first, 2, true);

    assertThat(buttons(message))
        .hasSize(3)
        .allSatisfy(button -> assertThat(button.has("confirm")).as(button.toString()).isTrue());
    assertThat(
            button(message, ActionIds.FAIL)
                .getAsJsonObject("confirm")
                .getAsJsonObject("title")
                .get("text")
                .getAsString())
        .isEqualTo("Rollback of step 2 failed?");
  }

  @Test
  void showsTheRunbookStepsRollbackSectionInFull() {
    StepRun first = run(Phase.ROLLBACK, 1, 2, "Deploy the stack", true, StepState.POSTED);
    StepRun second = run(Phase.ROLLBACK, 2, 1, "Check for drift", false, StepState.PENDING);

    SlackMessage message = render(rollingBack(first, second), first, 2, false);

    assertThat(texts(message))
        .containsSubsequence(
            "Rolling back step 2: Deploy the stack",
            "`runbooks/oam-secrets.md:41` | *prod* | rollback 1 of 2 | oam-secrets @ `abc1234`",
            "Restore the previous stack revision:\n```\n"
                + "./amm.sh rollback oam-secrets --partition prod --to previous\n```",
            ":lock: *needs approval (0 of 2)*: not approved yet (approvers: <@U0ALICE>, <@U0BOB>)");
    assertThat(message.text())
        .isEqualTo("Rolling back step 2 on prod (1 of 2): Deploy the stack — needs approval");
  }

  @Test
  void finishedRollbackStepHasNoButtons() {
    StepRun first = run(Phase.ROLLBACK, 1, 2, "Deploy the stack", true, StepState.DONE);
    StepRun second = run(Phase.ROLLBACK, 2, 1, "Check for drift", false, StepState.POSTED);

    SlackMessage message = render(rollingBack(first, second), first, 2, false);

    assertThat(blocksOf(message, "actions")).isEmpty();
    assertThat(text(blocksOf(message, "context").get(1)))
        .startsWith(":white_check_mark: Done by <@U0ALICE> <!date^");
  }

  @Test
  void refusesAForwardStep() {
    StepRun forwardStep = run(Phase.FORWARD, 1, 1, "Check for drift", false, StepState.POSTED);

    assertThatThrownBy(
            () ->
                RollbackStepView.render(
                    rollout(
                        RolloutState.RUNNING,
                        List.of(forwardStep),
                        List.of(),
                        List.of(),
                        Optional.empty()),
                    forwardStep,
                    step(1),
                    false,
                    LOCATION))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("is a forward step: draw it with StepMessageView");
  }
}
