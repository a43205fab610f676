package dev.shepherd.slack.view;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.ButtonElement;
import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.runbook.Section;
import dev.shepherd.runbook.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One forward step in the rollout's thread: what to do, how to know it worked, how to undo it, and
 * the buttons while it waits. Usually one message; a step too long for one is spread over several,
 * its buttons on the last.
 */
public final class StepMessageView {
  private StepMessageView() {}

  /**
   * @param protectedPartition whether every button must ask for confirmation
   * @param location the runbook's path as people read it ({@code runbooks/oam-secrets.md})
   * @throws IllegalArgumentException for a step of the rollback walk: see {@link RollbackStepView}
   */
  public static List<SlackMessage> render(
      Rollout rollout, StepRun run, Step step, boolean protectedPartition, String location) {
    return render(rollout, run, step, protectedPartition, location, 0, 0);
  }

  /**
   * As above, saying how many notes the step has on the record.
   *
   * @param notes the step's notes and symptoms on the record, redacted ones too
   * @param redacted how many of {@code notes} a redaction took off the record
   */
  public static List<SlackMessage> render(
      Rollout rollout,
      StepRun run,
      Step step,
      boolean protectedPartition,
      String location,
      int notes,
      int redacted) {
    Objects.requireNonNull(rollout, "rollout");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(location, "location");
    if (run.phase() != Phase.FORWARD) {
      throw new IllegalArgumentException(
          "step "
              + run.position()
              + " of rollout "
              + rollout.id()
              + " is a rollback step: draw it with RollbackStepView");
    }
    String title = "Step " + run.position() + ": " + run.title();
    List<LayoutBlock> head =
        List.of(
            BlockKit.header(title),
            BlockKit.context(
                StepParts.where(location, step.line()),
                "*"
                    + Mrkdwn.escape(rollout.partition())
                    + "*"
                    + (protectedPartition ? " :lock: protected" : ""),
                "step " + run.position() + " of " + rollout.steps().size(),
                Mrkdwn.escape(rollout.runbook().id())
                    + " @ `"
                    + rollout.runbook().revision().shortId()
                    + "`"));

    List<LayoutBlock> body = new ArrayList<>(StepParts.warnings(step.warnings()));
    body.addAll(StepParts.section("", step.instructions()));
    step.verify().ifPresent(verify -> body.addAll(StepParts.section("*Verify*", verify)));
    body.add(rollback(step, location));

    List<LayoutBlock> tail = new ArrayList<>();
    StepParts.approvals(rollout, run).ifPresent(tail::add);
    StepParts.notes(notes, redacted).ifPresent(tail::add);
    if (run.state() == StepState.POSTED && StepParts.current(rollout, run)) {
      tail.add(BlockKit.actions(buttons(new Buttons(rollout, run, step, protectedPartition), run)));
    } else {
      tail.add(BlockKit.context(StepParts.outcome(rollout, run)));
    }

    String fallback =
        "Step "
            + run.position()
            + " of "
            + rollout.steps().size()
            + " on "
            + Mrkdwn.escape(rollout.partition())
            + ": "
            + Mrkdwn.escape(run.title())
            + " — "
            + StepParts.stateWords(rollout, run);
    return Pages.of(
        head,
        body,
        tail,
        fallback,
        "*" + Mrkdwn.escape(title) + "*",
        StepParts.where(location, step.line()));
  }

  private static List<ButtonElement> buttons(Buttons buttons, StepRun run) {
    List<ButtonElement> elements = new ArrayList<>();
    elements.add(buttons.done());
    if (run.needsApproval()) {
      elements.add(buttons.approve());
    }
    elements.add(buttons.fail());
    elements.add(buttons.skip());
    elements.add(buttons.note());
    return elements;
  }

  /** The rollback, compact but in sight, so undoing is one click and one paste away. */
  private static LayoutBlock rollback(Step step, String location) {
    if (step.rollback().isEmpty()) {
      return BlockKit.context(":leftwards_arrow_with_hook: no rollback written for this step");
    }
    Section rollback = step.rollback().get();
    String label =
        ":leftwards_arrow_with_hook: *Rollback*"
            + (step.inheritsRollback() ? " (the runbook's)" : "")
            + " "
            + StepParts.where(location, rollback.line());
    return StepParts.compact(label, rollback, location, StepParts.COMPACT_ROLLBACK);
  }
}
