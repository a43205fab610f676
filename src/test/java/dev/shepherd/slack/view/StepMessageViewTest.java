package dev.shepherd.slack.view;

import static dev.shepherd.slack.view.BlockKitLimits.assertWithinLimits;
import static dev.shepherd.slack.view.ViewFixture.ALICE;
import static dev.shepherd.slack.view.ViewFixture.LOCATION;
import static dev.shepherd.slack.view.ViewFixture.ROLLOUT_ID;
import static dev.shepherd.slack.view.ViewFixture.T0;
import static dev.shepherd.slack.view.ViewFixture.actionIds;
import static dev.shepherd.slack.view.ViewFixture.allText;
import static dev.shepherd.slack.view.ViewFixture.blocksOf;
import static dev.shepherd.slack.view.ViewFixture.button;
import static dev.shepherd.slack.view.ViewFixture.buttons;
import static dev.shepherd.slack.view.ViewFixture.forward;
import static dev.shepherd.slack.view.ViewFixture.rollout;
import static dev.shepherd.slack.view.ViewFixture.run;
import static dev.shepherd.slack.view.ViewFixture.running;
import static dev.shepherd.slack.view.ViewFixture.runningWith;
import static dev.shepherd.slack.view.ViewFixture.step;
import static dev.shepherd.slack.view.ViewFixture.text;
import static dev.shepherd.slack.view.ViewFixture.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.runbook.Step;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepMessageViewTest {
  private static SlackMessage only(List<SlackMessage> messages) {
    assertWithinLimits(messages);
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }

  private static SlackMessage render(Rollout rollout, int position, boolean protectedPartition) {
    return only(
        StepMessageView.render(
            rollout,
            rollout.steps().get(position - 1),
            step(position),
            protectedPartition,
            LOCATION));
  }

  @Test
  void postedStepOffersDoneFailedAndSkipForItsOwnStep() {
    SlackMessage message = render(running(forward(0)), 1, false);

    assertThat(actionIds(message))
        .containsExactly(ActionIds.DONE, ActionIds.FAIL, ActionIds.SKIP, ActionIds.NOTE);
    assertThat(buttons(message))
        .allSatisfy(
            button ->
                assertThat(button.get("value").getAsString())
                    .matches(ROLLOUT_ID + ":forward:1:sha256:[0-9a-f]{24}"));
    assertThat(button(message, ActionIds.DONE).get("style").getAsString()).isEqualTo("primary");
    assertThat(button(message, ActionIds.FAIL).get("style").getAsString()).isEqualTo("danger");
  }

  @Test
  void stepThatNeedsApprovalAlsoOffersApprove() {
    SlackMessage message = render(running(forward(1)), 2, false);

    assertThat(actionIds(message))
        .containsExactly(
            ActionIds.DONE, ActionIds.APPROVE, ActionIds.FAIL, ActionIds.SKIP, ActionIds.NOTE);
  }

  @Test
  void approveAndSkipAskForConfirmationButDoneAndFailedDoNotOnAnOrdinaryPartition() {
    SlackMessage message = render(running(forward(1)), 2, false);

    assertThat(button(message, ActionIds.DONE).has("confirm")).isFalse();
    assertThat(button(message, ActionIds.FAIL).has("confirm")).isFalse();
    JsonObject approve = button(message, ActionIds.APPROVE).getAsJsonObject("confirm");
    assertThat(approve.getAsJsonObject("title").get("text").getAsString())
        .isEqualTo("Approve step 2?");
    assertThat(approve.getAsJsonObject("text").get("text").getAsString())
        .isEqualTo("Approve step 2 (Deploy the stack) on prod? It has 0 of 2 approvals so far.");
    assertThat(approve.getAsJsonObject("confirm").get("text").getAsString()).isEqualTo("Approve");
    assertThat(approve.getAsJsonObject("deny").get("text").getAsString()).isEqualTo("Cancel");
    JsonObject skip = button(message, ActionIds.SKIP).getAsJsonObject("confirm");
    assertThat(skip.getAsJsonObject("text").get("text").getAsString())
        .isEqualTo(
            "Skip step 2 (Deploy the stack) on prod? A skipped step is a gap in the"
                + " rollout: you will be asked why.");
    assertThat(skip.get("style").getAsString()).isEqualTo("danger");
  }

  @Test
  void everyButtonAsksForConfirmationOnAProtectedPartition() {
    SlackMessage message = render(running(forward(1)), 2, true);

    // Add note only opens a modal, which is its own confirmation: nothing is recorded before it.
    assertThat(buttons(message))
        .hasSize(5)
        .filteredOn(b -> !b.toString().contains(ActionIds.NOTE))
        .hasSize(4)
        .allSatisfy(button -> assertThat(button.has("confirm")).as(button.toString()).isTrue());
    assertThat(button(message, ActionIds.NOTE).has("confirm")).isFalse();
    assertThat(
            button(message, ActionIds.DONE)
                .getAsJsonObject("confirm")
                .getAsJsonObject("text")
                .get("text")
                .getAsString())
        .isEqualTo("Mark step 2 (Deploy the stack) done on prod?");
    assertThat(texts(message).get(1)).contains("*prod* :lock: protected");
  }

  @Test
  void headerNamesTheStepAndContextPointsAtItsLine() {
    SlackMessage message = render(running(forward(1)), 2, false);

    assertThat(texts(message).get(0)).isEqualTo("Step 2: Deploy the stack");
    assertThat(texts(message).get(1))
        .isEqualTo("`runbooks/oam-secrets.md:23` | *prod* | step 2 of 4 | oam-secrets @ `abc1234`");
  }

  @Test
  void fallbackTextSaysWhichStepWhereAndWhatItWaitsFor() {
    assertThat(render(running(forward(1)), 2, false).text())
        .isEqualTo("Step 2 of 4 on prod: Deploy the stack — needs approval");
    assertThat(render(running(forward(0)), 1, false).text())
        .isEqualTo("Step 1 of 4 on prod: Check for drift — waiting");
  }

  @Test
  void showsWarningsInstructionsAsCodeBlocksVerifyAndTheRollbackEscaped() {
    List<String> texts = texts(render(running(forward(1)), 2, false));

    assertThat(texts)
        .containsSubsequence(
            ":warning: this replaces the secret in Arda-ProdOAM for &lt;all&gt; readers &amp; writers.",
            "```\n./amm.sh deploy oam-secrets --partition prod 2&gt;&amp;1 | tee deploy.log\n```",
            "*Verify*\nThe stack reaches `UPDATE_COMPLETE`.",
            ":leftwards_arrow_with_hook: *Rollback* `runbooks/oam-secrets.md:41`\n"
                + "Restore the previous stack revision:\n```\n"
                + "./amm.sh rollback oam-secrets --partition prod --to previous\n```",
            ":lock: *needs approval (0 of 2)*: not approved yet (approvers: <@U0ALICE>, <@U0BOB>)");
  }

  @Test
  void saysWhoApprovedSoFar() {
    StepRun approved =
        new StepRun(
            Phase.FORWARD,
            2,
            2,
            "Deploy the stack",
            true,
            true,
            StepState.POSTED,
            List.of(ALICE),
            Optional.of(T0),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    SlackMessage message =
        only(StepMessageView.render(runningWith(approved), approved, step(2), false, LOCATION));

    assertThat(texts(message)).contains(":lock: *needs approval (1 of 2)*: approved by <@U0ALICE>");
  }

  @Test
  void stepWithoutRollbackSaysSo() {
    assertThat(texts(render(running(forward(2)), 3, false)))
        .contains(":leftwards_arrow_with_hook: no rollback written for this step");
  }

  @Test
  void finishedStepHasNoButtonsAndSaysWhoDidWhatWhen() {
    StepRun done = run(Phase.FORWARD, 1, 1, "Check for drift", false, StepState.DONE);

    SlackMessage message =
        only(StepMessageView.render(runningWith(done), done, step(1), true, LOCATION));

    assertThat(blocksOf(message, "actions")).isEmpty();
    List<JsonObject> contexts = blocksOf(message, "context");
    assertThat(text(contexts.get(contexts.size() - 1)))
        .isEqualTo(
            ":white_check_mark: Done by <@U0ALICE>"
                + " <!date^1795770600^{date_short_pretty} {time}|2026-11-27 09:10 UTC>");
    assertThat(message.text())
        .isEqualTo("Step 1 of 4 on prod: Check for drift — done by <@U0ALICE>");
  }

  @Test
  void failedAndSkippedStepsSayWhyAsTextThatPingsNobody() {
    StepRun failed =
        withReason(
            run(Phase.FORWARD, 2, 2, "Deploy the stack", true, StepState.FAILED),
            "stack stuck <UPDATE_ROLLBACK> & @U0BOB paged");
    StepRun skipped =
        withReason(
            run(Phase.FORWARD, 2, 2, "Deploy the stack", true, StepState.SKIPPED),
            "done by hand by @U0BOB");

    assertThat(
            allText(StepMessageView.render(runningWith(failed), failed, step(2), false, LOCATION)))
        .contains(
            ":x: Failed by <@U0ALICE> <!date^1795770600^{date_short_pretty} {time}|2026-11-27"
                + " 09:10 UTC>: stack stuck &lt;UPDATE_ROLLBACK&gt; &amp; @\u2060U0BOB paged");
    SlackMessage message =
        only(StepMessageView.render(runningWith(skipped), skipped, step(2), false, LOCATION));
    assertThat(blocksOf(message, "actions")).isEmpty();
    assertThat(allText(List.of(message)))
        .contains(":fast_forward: Skipped by <@U0ALICE>", ": done by hand by @\u2060U0BOB");
  }

  @Test
  void aFinishedStepIsDrawnTheSameWhenItsRolloutEnds() {
    StepRun done = run(Phase.FORWARD, 1, 1, "Check for drift", false, StepState.DONE);
    Rollout running = runningWith(done);
    for (RolloutState ended :
        List.of(RolloutState.COMPLETED, RolloutState.ABORTED, RolloutState.ROLLED_BACK)) {
      Rollout over = rollout(ended, running.steps(), List.of(), List.of(), Optional.empty());

      // Ending a rollout redraws only the steps that lose their buttons: each redraw spends the
      // workspace's few chat.update calls a minute.
      assertThat(StepMessageView.render(over, done, step(1), true, LOCATION))
          .as("step 1 once the rollout is " + ended)
          .isEqualTo(StepMessageView.render(running, done, step(1), true, LOCATION));
    }
  }

  @Test
  void postedStepOfAnAbortedRolloutHasNoButtons() {
    Rollout aborted =
        rollout(RolloutState.ABORTED, forward(1), List.of(), List.of(), Optional.empty());

    SlackMessage message = render(aborted, 2, false);

    assertThat(blocksOf(message, "actions")).isEmpty();
    assertThat(allText(List.of(message)))
        .contains(":hourglass_flowing_sand: Waiting · the rollout is aborted");
  }

  @Test
  void refusesARollbackStep() {
    StepRun back = run(Phase.ROLLBACK, 1, 2, "Deploy the stack", false, StepState.POSTED);

    assertThatThrownBy(
            () ->
                StepMessageView.render(
                    runningWith(
                        run(Phase.FORWARD, 2, 2, "Deploy the stack", true, StepState.FAILED)),
                    back,
                    step(2),
                    false,
                    LOCATION))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "step 1 of rollout "
                + ROLLOUT_ID
                + " is a rollback step: draw it with RollbackStepView");
  }

  @Test
  void tenThousandCharacterStepIsSplitWithinSlackLimits() {
    StringBuilder body = new StringBuilder("## Step 1: Migrate every table\n");
    for (int i = 0; i < 40; i++) {
      body.append("Migrate table ").append(i).append(" & check <rows> match:\n```sql\n");
      for (int j = 0; j < 3; j++) {
        body.append("INSERT INTO t")
            .append(i)
            .append(" SELECT * FROM old_t")
            .append(i)
            .append(" WHERE shard = ")
            .append(j)
            .append(";\n");
      }
      body.append("```\n");
    }
    body.append("Then one long script:\n```bash\n");
    for (int i = 0; i < 100; i++) {
      body.append("./amm.sh copy --table t")
          .append(i)
          .append(" --verify && echo ok-")
          .append(i)
          .append("\n");
    }
    body.append("```\n")
        .append("Notes: ")
        .append("a very long line & more ".repeat(150))
        .append("\n");
    String markdown = "---\nid: big\n---\n" + body;
    assertThat(markdown.length()).isGreaterThan(10_000);
    Step big = ViewFixture.runbook(markdown).step(1).orElseThrow();
    StepRun run = run(Phase.FORWARD, 1, 1, big.title(), false, StepState.POSTED);

    List<SlackMessage> messages =
        StepMessageView.render(running(List.of(run)), run, big, false, "runbooks/big.md");

    assertWithinLimits(messages);
    assertThat(messages).hasSize(1);
    List<String> sections =
        blocksOf(messages.get(0), "section").stream().map(ViewFixture::text).toList();
    assertThat(sections)
        .hasSizeGreaterThan(4)
        .allSatisfy(
            section -> {
              assertThat(section.length()).isLessThanOrEqualTo(3000);
              assertThat(BlockKitLimits.fences(section) % 2).as(section).isZero();
            });
    String all = String.join("\n", sections);
    for (int i = 0; i < 40; i++) {
      assertThat(all)
          .contains("INSERT INTO t" + i + " SELECT * FROM old_t" + i + " WHERE shard = 2;");
    }
    for (int i = 0; i < 100; i++) {
      assertThat(all)
          .contains("./amm.sh copy --table t" + i + " --verify &amp;&amp; echo ok-" + i + "\n");
    }
    assertThat(sections)
        .anySatisfy(
            section ->
                assertThat(section)
                    .as("a section that continues the long script reopens its fence")
                    .startsWith("```\n./amm.sh copy --table t"));
    assertThat(all.replace("\n", "")).contains("a very long line &amp; more ".repeat(150).strip());
    assertThat(actionIds(messages.get(0)))
        .containsExactly(ActionIds.DONE, ActionIds.FAIL, ActionIds.SKIP, ActionIds.NOTE);
  }

  @Test
  void stepOfMoreThanFiftyBlocksIsSpreadOverMessagesWithButtonsOnTheLast() {
    StringBuilder markdown = new StringBuilder("## Step 1: Read the warnings\n");
    for (int i = 0; i < 120; i++) {
      markdown.append("\n> **Warning:** hazard number ").append(i).append("\n");
    }
    markdown.append("\nThen go.\n");
    Step step = ViewFixture.runbook(markdown.toString()).step(1).orElseThrow();
    assertThat(step.warnings()).hasSize(120);
    StepRun run = run(Phase.FORWARD, 1, 1, step.title(), true, StepState.POSTED);

    List<SlackMessage> messages =
        StepMessageView.render(running(List.of(run)), run, step, true, LOCATION);

    assertWithinLimits(messages);
    assertThat(messages).hasSize(3);
    assertThat(messages.get(0).text())
        .isEqualTo("Step 1 of 1 on prod: Read the warnings — needs approval (part 1 of 3)");
    assertThat(messages.get(2).text())
        .isEqualTo("Step 1 of 1 on prod: Read the warnings — needs approval (part 3 of 3)");
    assertThat(texts(messages.get(1)).get(0))
        .isEqualTo(":arrow_down: continued: *Step 1: Read the warnings* (part 2 of 3)");
    assertThat(buttons(messages.get(0))).isEmpty();
    assertThat(buttons(messages.get(1))).isEmpty();
    assertThat(actionIds(messages.get(2)))
        .containsExactly(
            ActionIds.DONE, ActionIds.APPROVE, ActionIds.FAIL, ActionIds.SKIP, ActionIds.NOTE);
    String all = allText(messages);
    assertThat(all)
        .contains(":warning: hazard number 0", ":warning: hazard number 119", "Then go.");
  }

  @Test
  void stepTooLongForFiveMessagesPointsAtTheRunbookForTheRest() {
    StringBuilder markdown = new StringBuilder("## Step 1: Read everything\n");
    for (int i = 0; i < 400; i++) {
      markdown.append("\n> **Warning:** hazard number ").append(i).append("\n");
    }
    Step step = ViewFixture.runbook(markdown.toString()).step(1).orElseThrow();
    StepRun run = run(Phase.FORWARD, 1, 1, step.title(), false, StepState.POSTED);

    List<SlackMessage> messages =
        StepMessageView.render(running(List.of(run)), run, step, false, LOCATION);

    assertWithinLimits(messages);
    assertThat(messages).hasSize(5);
    assertThat(allText(messages))
        .contains("more blocks not shown here: read the rest in `runbooks/oam-secrets.md:1`");
    assertThat(actionIds(messages.get(4)))
        .containsExactly(ActionIds.DONE, ActionIds.FAIL, ActionIds.SKIP, ActionIds.NOTE);
  }

  @Test
  void longTitleIsCutToTheHeaderLimit() {
    String title = "Deploy " + "the stack ".repeat(30);
    StepRun run = run(Phase.FORWARD, 1, 1, title, false, StepState.POSTED);

    SlackMessage message =
        only(StepMessageView.render(running(List.of(run)), run, step(1), false, LOCATION));

    assertThat(texts(message).get(0))
        .hasSize(150)
        .startsWith("Step 1: Deploy the stack")
        .endsWith("…");
  }

  private static StepRun withReason(StepRun run, String reason) {
    return new StepRun(
        run.phase(),
        run.position(),
        run.runbookStep(),
        run.title(),
        run.needsApproval(),
        run.hasRollback(),
        run.state(),
        run.approvedBy(),
        run.postedAt(),
        run.finishedAt(),
        run.finishedBy(),
        Optional.of(reason));
  }
}
