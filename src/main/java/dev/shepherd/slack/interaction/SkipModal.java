package dev.shepherd.slack.interaction;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.view.View;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.RecordLimits;
import dev.shepherd.rollout.ActionRequest;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.SyncWorker;
import dev.shepherd.slack.view.ButtonValue;
import java.util.Optional;

/** Skipping a step asks the approver why, in a modal; the submission is the skip. */
public final class SkipModal extends ModalFlow<ActionRequest> {
  public static final String CALLBACK = "shepherd.skip";
  private static final String BLOCK = "reason";
  private static final String INPUT = "reason";

  private final RolloutService rollouts;

  public SkipModal(RolloutService rollouts, SyncWorker worker) {
    super(worker, BLOCK);
    this.rollouts = rollouts;
  }

  /** Opens the modal for the Skip button {@code buttonValue} drew, after the ack. */
  void open(ChatGateway slack, String triggerId, String buttonValue, ButtonValue.Parsed step) {
    open(
        slack,
        triggerId,
        modal(buttonValue, step),
        "the skip modal for step " + step.position() + " of " + step.rolloutId());
  }

  private static View modal(String buttonValue, ButtonValue.Parsed step) {
    return view(
        v ->
            v.type("modal")
                .callbackId(CALLBACK)
                .privateMetadata(buttonValue)
                .title(viewTitle(t -> t.type("plain_text").text("Skip step " + step.position())))
                .submit(viewSubmit(s -> s.type("plain_text").text("Skip")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(
                    asBlocks(
                        section(
                            s ->
                                s.text(
                                    markdownText(
                                        "Skipping leaves a gap in the rollout. Say why it is"
                                            + " safe; the reason goes in the audit trail and the summary."))),
                        input(
                            i ->
                                i.blockId(BLOCK)
                                    .label(plainText("Reason"))
                                    .element(
                                        plainTextInput(
                                            p ->
                                                p.actionId(INPUT)
                                                    .multiline(true)
                                                    // Slack stops typing at the record's limit.
                                                    .maxLength(RecordLimits.REASON)))))));
  }

  @Override
  protected Form<ActionRequest> read(View view, String user) {
    Optional<ButtonValue.Parsed> step = ButtonValue.parse(view.getPrivateMetadata());
    if (step.isEmpty()) {
      return new Form.Invalid<>(BLOCK, "This form is out of date: click Skip again.");
    }
    // The reason goes on the record as typed (this modal never stripped it).
    String reason = ModalInputs.typed(view, BLOCK, INPUT);
    return new Form.Filled<>(
        new ActionRequest(
            step.get().rolloutId(),
            Action.SKIP,
            step.get().phase(),
            step.get().position(),
            user,
            "skip:" + view.getId(),
            Optional.of(reason),
            step.get().drawn()));
  }

  @Override
  protected Answer submit(ActionRequest skip) {
    return Answer.redrawingOnRefusal(rollouts.act(skip));
  }

  @Override
  protected String describe(ActionRequest skip) {
    return "rollout "
        + skip.rolloutId()
        + ": skip of "
        + skip.phase().label()
        + " step "
        + skip.position();
  }
}
