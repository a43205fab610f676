package dev.shepherd.slack.view;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.ButtonElement;
import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.runbook.Step;
import dev.shepherd.runbook.TroubleshootingRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Posted when a step fails: every way out at once — the runbook's symptom → cause → fix rows, its
 * diagnosis, the rollback with its commands — and Retry, Roll back (forward steps only) and Abort
 * while the failure is the rollout's current step.
 */
public final class FailureMessageView {
  private FailureMessageView() {}

  public static List<SlackMessage> render(
      Rollout rollout, StepRun run, Step step, boolean protectedPartition, String location) {
    Objects.requireNonNull(rollout, "rollout");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(location, "location");
    boolean forward = run.phase() == Phase.FORWARD;
    String what = forward ? "Step " + run.position() : "Rollback of step " + run.runbookStep();
    String title = what + " failed: " + run.title();
    List<LayoutBlock> head =
        List.of(
            BlockKit.header(":x: " + title),
            BlockKit.context(
                StepParts.outcome(rollout, run),
                StepParts.where(location, step.line()),
                "*"
                    + Mrkdwn.escape(rollout.partition())
                    + "*"
                    + (protectedPartition ? " :lock: protected" : "")));

    List<LayoutBlock> body = new ArrayList<>();
    if (step.troubleshooting().isEmpty() && step.diagnosis().isEmpty()) {
      body.add(BlockKit.section("The runbook gives no troubleshooting for this step."));
    }
    if (!step.troubleshooting().isEmpty()) {
      body.addAll(BlockKit.sections(troubleshooting(step, location)));
    }
    step.diagnosis()
        .ifPresent(
            diagnosis -> body.addAll(StepParts.section(":stethoscope: *Diagnosis*", diagnosis)));
    if (step.rollback().isPresent()) {
      body.addAll(
          StepParts.section(
              ":leftwards_arrow_with_hook: *Rollback*"
                  + (step.inheritsRollback() ? " (the runbook's)" : "")
                  + " "
                  + StepParts.where(location, step.rollback().get().line()),
              step.rollback().get()));
    } else {
      body.add(BlockKit.context(":leftwards_arrow_with_hook: no rollback written for this step"));
    }

    List<LayoutBlock> tail = new ArrayList<>();
    boolean open = run.state() == StepState.FAILED && StepParts.current(rollout, run);
    if (open) {
      Buttons buttons = new Buttons(rollout, run, protectedPartition);
      List<ButtonElement> elements = new ArrayList<>();
      elements.add(buttons.retry());
      if (forward) {
        elements.add(buttons.rollback());
      }
      elements.add(buttons.abort());
      elements.add(buttons.symptom());
      tail.add(BlockKit.actions(elements));
    } else {
      tail.add(
          BlockKit.context(
              ":information_source: this failure is no longer open: "
                  + Mrkdwn.escape(what.toLowerCase(Locale.ROOT))
                  + " is "
                  + run.state().label()
                  + ", the rollout is "
                  + States.words(rollout.state())));
    }

    String fallback =
        what
            + (forward ? " of " + rollout.steps().size() : "")
            + " failed on "
            + Mrkdwn.escape(rollout.partition())
            + ": "
            + Mrkdwn.escape(run.title())
            + (open ? (forward ? " — retry, roll back or abort" : " — retry or abort") : "");
    return Pages.of(
        head,
        body,
        tail,
        fallback,
        "*" + Mrkdwn.escape(title) + "*",
        StepParts.where(location, step.line()));
  }

  /** One line a row: {@code • *symptom* → cause → fix}. */
  private static String troubleshooting(Step step, String location) {
    StringBuilder text =
        new StringBuilder(
            ":mag: *Troubleshooting*"
                + (step.inheritsTroubleshooting() ? " (the runbook's)" : "")
                + " "
                + StepParts.where(location, step.troubleshooting().get(0).line()));
    for (TroubleshootingRow row : step.troubleshooting()) {
      text.append("\n• *")
          .append(cell(row.symptom(), true))
          .append("* → ")
          .append(cell(row.cause(), false))
          .append(" → ")
          .append(cell(row.fix(), false));
    }
    return text.toString();
  }

  /** A table cell on one line: cells written as labels may span several. */
  private static String cell(String markdown, boolean bold) {
    String text = Mrkdwn.inline(markdown, bold);
    return text.isEmpty() ? "—" : text;
  }
}
