package dev.shepherd.slack.view;

import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.element.ButtonElement;
import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepFingerprint;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.runbook.Step;

/**
 * The buttons on a step, each carrying the step's {@link ButtonValue}. Approve, Skip, Roll back and
 * Abort always ask for confirmation; on a protected partition every button does.
 */
final class Buttons {
  private final Rollout rollout;
  private final StepRun run;
  private final boolean protectedPartition;
  private final String value;

  Buttons(Rollout rollout, StepRun run, boolean protectedPartition) {
    this.rollout = rollout;
    this.run = run;
    this.protectedPartition = protectedPartition;
    this.value = ButtonValue.of(rollout.id(), run.phase(), run.position());
  }

  /** The buttons of a step drawn from {@code step}: each carries its fingerprint as drawn. */
  Buttons(Rollout rollout, StepRun run, Step step, boolean protectedPartition) {
    this.rollout = rollout;
    this.run = run;
    this.protectedPartition = protectedPartition;
    this.value =
        ButtonValue.of(
            rollout.id(), run.phase(), run.position(), StepFingerprint.of(rollout, run, step));
  }

  ButtonElement done() {
    return button(
        "Done",
        ActionIds.DONE,
        "primary",
        false,
        "Done with " + step() + "?",
        "Mark " + described() + " done on " + rollout.partition() + "?",
        false);
  }

  ButtonElement approve() {
    return button(
        "Approve",
        ActionIds.APPROVE,
        "primary",
        true,
        "Approve " + step() + "?",
        "Approve "
            + described()
            + " on "
            + rollout.partition()
            + "? It has "
            + run.approvedBy().size()
            + " of "
            + rollout.approvalsNeeded()
            + " approvals so far.",
        false);
  }

  ButtonElement fail() {
    return button(
        "Failed",
        ActionIds.FAIL,
        "danger",
        false,
        Character.toUpperCase(step().charAt(0)) + step().substring(1) + " failed?",
        "Mark "
            + described()
            + " failed on "
            + rollout.partition()
            + "? You can then retry it, roll back or abort.",
        true);
  }

  ButtonElement skip() {
    return button(
        "Skip",
        ActionIds.SKIP,
        null,
        true,
        "Skip " + step() + "?",
        "Skip "
            + described()
            + " on "
            + rollout.partition()
            + "? A skipped step is a gap in the rollout: you will be asked why.",
        true);
  }

  ButtonElement retry() {
    return button(
        "Retry",
        ActionIds.RETRY,
        "primary",
        false,
        "Retry " + step() + "?",
        "Post " + described() + " again on " + rollout.partition() + " to run it once more?",
        false);
  }

  ButtonElement rollback() {
    return button(
        "Roll back",
        ActionIds.ROLLBACK,
        "danger",
        true,
        "Roll back from " + step() + "?",
        "Walk the rollback of "
            + described()
            + " and of every step done before it, newest"
            + " first, on "
            + rollout.partition()
            + "?",
        true);
  }

  ButtonElement abort() {
    return button(
        "Abort",
        ActionIds.ABORT,
        "danger",
        true,
        "Abort the rollout?",
        "Abort this rollout of "
            + rollout.runbook().id()
            + " on "
            + rollout.partition()
            + "? Nothing is rolled back: the partition is left as it is now.",
        true);
  }

  /** Opens the note modal: never confirmed, it records nothing until the modal is submitted. */
  ButtonElement note() {
    return modalButton("Add note", ActionIds.NOTE);
  }

  /** On a failure: opens the same modal, asking what was seen. */
  ButtonElement symptom() {
    return modalButton("What did you see?", ActionIds.SYMPTOM);
  }

  private ButtonElement modalButton(String label, String actionId) {
    return ButtonElement.builder()
        .text(BlockKit.plain(TextClips.clipPlain(label, Limits.BUTTON_TEXT)))
        .actionId(actionId)
        .value(value)
        .build();
  }

  /** "step 2", or "rollback of step 2" in the rollback walk. */
  private String step() {
    return (run.phase() == Phase.ROLLBACK ? "rollback of step " : "step ") + run.runbookStep();
  }

  private String described() {
    return step() + " (" + run.title() + ")";
  }

  private ButtonElement button(
      String label,
      String actionId,
      String style,
      boolean alwaysConfirm,
      String title,
      String question,
      boolean danger) {
    ButtonElement.ButtonElementBuilder button =
        ButtonElement.builder()
            .text(BlockKit.plain(TextClips.clipPlain(label, Limits.BUTTON_TEXT)))
            .actionId(actionId)
            .value(value)
            .style(style);
    if (alwaysConfirm || protectedPartition) {
      button.confirm(confirm(title, question, label, danger));
    }
    return button.build();
  }

  private static ConfirmationDialogObject confirm(
      String title, String question, String confirmLabel, boolean danger) {
    return ConfirmationDialogObject.builder()
        .title(BlockKit.plain(TextClips.clipPlain(title, Limits.CONFIRM_TITLE)))
        .text(BlockKit.plain(TextClips.clipPlain(question, Limits.CONFIRM_TEXT)))
        .confirm(BlockKit.plain(TextClips.clipPlain(confirmLabel, Limits.CONFIRM_BUTTON)))
        .deny(BlockKit.plain("Cancel"))
        .style(danger ? "danger" : "primary")
        .build();
  }
}
