package dev.shepherd.slack.view;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.ButtonElement;
import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.runbook.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One step of the rollback walk: the runbook step's rollback section in full, with Done, Approve
 * (when needed) and Failed while it waits. A rollback step cannot be skipped.
 */
public final class RollbackStepView {
  private RollbackStepView() {}

  /**
   * @param step the runbook step being rolled back ({@code run.runbookStep()})
   * @throws IllegalArgumentException for a forward step: see {@link StepMessageView}
   */
  public static List<SlackMessage> render(
      Rollout rollout, StepRun run, Step step, boolean protectedPartition, String location) {
    Objects.requireNonNull(rollout, "rollout");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(location, "location");
    if (run.phase() != Phase.ROLLBACK) {
      throw new IllegalArgumentException(
          "step "
              + run.position()
              + " of rollout "
              + rollout.id()
              + " is a forward step: draw it with StepMessageView");
    }
    String title = "Rolling back step " + run.runbookStep() + ": " + run.title();
    int line = step.rollback().map(r -> r.line()).orElse(step.line());
    List<LayoutBlock> head =
        List.of(
            BlockKit.header(title),
            BlockKit.context(
                StepParts.where(location, line),
                "*"
                    + Mrkdwn.escape(rollout.partition())
                    + "*"
                    + (protectedPartition ? " :lock: protected" : ""),
                "rollback " + run.position() + " of " + rollout.rollbackSteps().size(),
                Mrkdwn.escape(rollout.runbook().id())
                    + " @ `"
                    + rollout.runbook().revision().shortId()
                    + "`"));

    List<LayoutBlock> body = new ArrayList<>();
    if (step.rollback().isPresent()) {
      body.addAll(
          StepParts.section(
              step.inheritsRollback() ? "_The runbook's rollback, for every step:_" : "",
              step.rollback().get()));
    } else {
      body.add(
          BlockKit.section(
              "The runbook has no rollback for step "
                  + run.runbookStep()
                  + ": there is nothing to run here. Mark it done once you have checked."));
    }

    List<LayoutBlock> tail = new ArrayList<>();
    StepParts.approvals(rollout, run).ifPresent(tail::add);
    if (run.state() == StepState.POSTED && StepParts.current(rollout, run)) {
      Buttons buttons = new Buttons(rollout, run, step, protectedPartition);
      List<ButtonElement> elements = new ArrayList<>();
      elements.add(buttons.done());
      if (run.needsApproval()) {
        elements.add(buttons.approve());
      }
      elements.add(buttons.fail());
      tail.add(BlockKit.actions(elements));
    } else {
      tail.add(BlockKit.context(StepParts.outcome(rollout, run)));
    }

    String fallback =
        "Rolling back step "
            + run.runbookStep()
            + " on "
            + Mrkdwn.escape(rollout.partition())
            + " ("
            + run.position()
            + " of "
            + rollout.rollbackSteps().size()
            + "): "
            + Mrkdwn.escape(run.title())
            + " — "
            + StepParts.stateWords(rollout, run);
    return Pages.of(
        head,
        body,
        tail,
        fallback,
        "*" + Mrkdwn.escape(title) + "*",
        StepParts.where(location, line));
  }
}
