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

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.shepherd.format.LogLines;
import dev.shepherd.rollout.NoteRequest;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.slack.event.SlackText;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.SyncWorker;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.slack.view.ButtonValue;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Add note opens a modal; its submission is a note on the step the button was drawn for, with the
 * links it holds as evidence (so notes work where the app gets no message events). A failure's
 * "What did you see?" opens the same modal, and its answer is recorded as the failure's symptom.
 */
public final class NoteModal implements ViewSubmissionHandler {
  public static final String CALLBACK = "shepherd.note";

  /** The failure's "What did you see?": its answer is the failure's symptom on the record. */
  public static final String SYMPTOM_CALLBACK = "shepherd.symptom";

  private static final Logger log = LoggerFactory.getLogger(NoteModal.class);
  private static final String BLOCK = "note";
  private static final String INPUT = "note";

  /** Slack's own limit for a plain-text input. */
  private static final int MAX_LENGTH = 3000;

  private final RolloutService rollouts;
  private final SyncWorker worker;
  private final ChatGateway slack;

  public NoteModal(RolloutService rollouts, SyncWorker worker, ChatGateway slack) {
    this.rollouts = rollouts;
    this.worker = worker;
    this.slack = slack;
  }

  /** The button (a {@link BlockActionHandler}): open the modal after the ack. */
  public Response click(BlockActionRequest request, ActionContext context) {
    return ModalButtons.click(
        request,
        context,
        worker,
        (trigger, clicked, step) ->
            open(
                trigger,
                clicked.getValue(),
                step,
                ActionIds.SYMPTOM.equals(clicked.getActionId())));
  }

  private void open(
      String triggerId, String buttonValue, ButtonValue.Parsed step, boolean symptom) {
    View modal =
        view(
            v ->
                v.type("modal")
                    .callbackId(symptom ? SYMPTOM_CALLBACK : CALLBACK)
                    .privateMetadata(buttonValue)
                    .title(
                        viewTitle(
                            t ->
                                t.type("plain_text")
                                    .text(
                                        (symptom ? "Failure of step " : "Note on step ")
                                            + step.position())))
                    .submit(viewSubmit(s -> s.type("plain_text").text("Add to the record")))
                    .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                    .blocks(
                        asBlocks(
                            section(
                                s ->
                                    s.text(
                                        markdownText(
                                            symptom
                                                ? "What did you see? The output, the error, a link to the logs: it goes on the"
                                                    + " record as the failure's symptom, in the summary and the export."
                                                : "What did you see at this step? Output, a link to a dashboard or CI run: it goes"
                                                    + " on the record, in the summary and the export."))),
                            input(
                                i ->
                                    i.blockId(BLOCK)
                                        .label(plainText(symptom ? "What did you see?" : "Note"))
                                        .element(
                                            plainTextInput(
                                                p ->
                                                    p.actionId(INPUT)
                                                        .multiline(true)
                                                        .maxLength(MAX_LENGTH)))))));
    try {
      slack.openModal(triggerId, modal);
    } catch (ChatGateway.SlackCallFailed e) {
      log.warn(
          "could not open the note modal for step {} of {}: {}",
          step.position(),
          step.rolloutId(),
          e.getMessage());
    }
  }

  /** The submission: one note, refused with the reason shown in the modal. */
  @Override
  public Response apply(ViewSubmissionRequest request, ViewSubmissionContext context) {
    View view = request.getPayload().getView();
    Optional<ButtonValue.Parsed> step = ButtonValue.parse(view.getPrivateMetadata());
    if (step.isEmpty()) {
      return context.ackWithErrors(
          Map.of(BLOCK, "This form is out of date: click Add note again."));
    }
    String text = ModalInputs.text(view, BLOCK, INPUT);
    NoteRequest.StepRef ref = new NoteRequest.StepRef(step.get().phase(), step.get().position());
    String user = request.getPayload().getUser().getId();
    boolean symptom = SYMPTOM_CALLBACK.equals(view.getCallbackId());
    Outcome outcome =
        rollouts.note(
            symptom
                ? NoteRequest.symptom(
                    step.get().rolloutId(),
                    ref,
                    user,
                    text,
                    SlackText.links(text),
                    "symptom:" + view.getId())
                : new NoteRequest(
                    step.get().rolloutId(),
                    Optional.of(ref),
                    user,
                    text,
                    SlackText.links(text),
                    "note:" + view.getId()));
    log.info(
        "rollout {}: note on {} step {} by {}: {}",
        LogLines.escaped(step.get().rolloutId()),
        step.get().phase().label(),
        step.get().position(),
        LogLines.escaped(request.getPayload().getUser().getId()),
        outcome.getClass().getSimpleName());
    if (outcome instanceof Outcome.Refused refused) {
      return context.ackWithErrors(Map.of(BLOCK, refused.refusal().message()));
    }
    outcome.rollout().ifPresent(r -> worker.sync(r.id()));
    return context.ack();
  }
}
