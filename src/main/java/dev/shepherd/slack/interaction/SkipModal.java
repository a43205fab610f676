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

import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.shepherd.audit.Action;
import dev.shepherd.rollout.ActionRequest;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.SyncWorker;
import dev.shepherd.slack.view.ButtonValue;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Skipping a step asks the approver why, in a modal; the submission is the skip. */
public final class SkipModal implements ViewSubmissionHandler {
  public static final String CALLBACK = "shepherd.skip";
  private static final Logger log = LoggerFactory.getLogger(SkipModal.class);
  private static final String BLOCK = "reason";
  private static final String INPUT = "reason";

  private final RolloutService rollouts;
  private final SyncWorker worker;

  public SkipModal(RolloutService rollouts, SyncWorker worker) {
    this.rollouts = rollouts;
    this.worker = worker;
  }

  static void open(
      ChatGateway slack, String triggerId, String buttonValue, ButtonValue.Parsed step) {
    View modal =
        view(
            v ->
                v.type("modal")
                    .callbackId(CALLBACK)
                    .privateMetadata(buttonValue)
                    .title(
                        viewTitle(t -> t.type("plain_text").text("Skip step " + step.position())))
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
                                                p -> p.actionId(INPUT).multiline(true)))))));
    try {
      slack.openModal(triggerId, modal);
    } catch (ChatGateway.SlackCallFailed e) {
      log.warn(
          "could not open the skip modal for step {} of {}: {}",
          step.position(),
          step.rolloutId(),
          e.getMessage());
    }
  }

  @Override
  public Response apply(ViewSubmissionRequest request, ViewSubmissionContext context) {
    View view = request.getPayload().getView();
    Optional<ButtonValue.Parsed> step = ButtonValue.parse(view.getPrivateMetadata());
    if (step.isEmpty()) {
      return context.ackWithErrors(Map.of(BLOCK, "This form is out of date: click Skip again."));
    }
    String reason =
        Optional.ofNullable(view.getState())
            .map(ViewState::getValues)
            .map(values -> values.get(BLOCK))
            .map(block -> block.get(INPUT))
            .map(ViewState.Value::getValue)
            .orElse("");
    String user = request.getPayload().getUser().getId();
    Outcome outcome =
        rollouts.act(
            new ActionRequest(
                step.get().rolloutId(),
                Action.SKIP,
                step.get().phase(),
                step.get().position(),
                user,
                "skip:" + view.getId(),
                Optional.of(reason)));
    outcome.rollout().ifPresent(r -> worker.sync(r.id()));
    if (outcome instanceof Outcome.Refused refused) {
      return context.ackWithErrors(Map.of(BLOCK, refused.refusal().message()));
    }
    return context.ack();
  }
}
