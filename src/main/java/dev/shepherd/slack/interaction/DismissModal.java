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
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.shepherd.format.LogLines;
import dev.shepherd.learning.finding.DismissalRecorder;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.SyncWorker;
import dev.shepherd.slack.view.RisksView;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dismiss on a listed risk opens a modal for the reason; its submission records the dismissal
 * (approvers only: anyone else is told so under the field, and nothing is closed).
 */
public final class DismissModal implements ViewSubmissionHandler {
  public static final String CALLBACK = "shepherd.dismiss";
  private static final Logger log = LoggerFactory.getLogger(DismissModal.class);
  private static final String REASON = "reason";
  private static final int MAX_LENGTH = 2000;

  private final DismissalRecorder dismissals;
  private final SyncWorker worker;
  private final ChatGateway slack;

  public DismissModal(DismissalRecorder dismissals, SyncWorker worker, ChatGateway slack) {
    this.dismissals = dismissals;
    this.worker = worker;
    this.slack = slack;
  }

  public Response click(BlockActionRequest request, ActionContext context) {
    var clicked = request.getPayload().getActions().get(0);
    if (RisksView.parse(clicked.getValue()).isEmpty()) {
      return Response.builder().statusCode(400).body("unknown action").build();
    }
    String trigger = request.getPayload().getTriggerId();
    String value = clicked.getValue();
    worker.runNow(() -> open(trigger, value));
    return context.ack();
  }

  private void open(String triggerId, String value) {
    View modal =
        view(
            v ->
                v.type("modal")
                    .callbackId(CALLBACK)
                    .privateMetadata(value)
                    .title(viewTitle(t -> t.type("plain_text").text("Dismiss a finding")))
                    .submit(viewSubmit(s -> s.type("plain_text").text("Dismiss")))
                    .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                    .blocks(
                        asBlocks(
                            section(
                                s ->
                                    s.text(
                                        markdownText(
                                            "A dismissed finding stops warning the next rollouts"
                                                + " of its runbook. Your reason goes on the record of the rollout that found it."))),
                            input(
                                i ->
                                    i.blockId(REASON)
                                        .label(plainText("Why does it no longer matter?"))
                                        .element(
                                            plainTextInput(
                                                p ->
                                                    p.actionId(REASON)
                                                        .multiline(true)
                                                        .maxLength(MAX_LENGTH)))))));
    try {
      slack.openModal(triggerId, modal);
    } catch (ChatGateway.SlackCallFailed e) {
      log.warn("could not open the dismiss modal: {}", e.getMessage());
    }
  }

  @Override
  public Response apply(ViewSubmissionRequest request, ViewSubmissionContext context) {
    View view = request.getPayload().getView();
    Optional<String[]> target = RisksView.parse(view.getPrivateMetadata());
    if (target.isEmpty()) {
      return context.ackWithErrors(
          Map.of(REASON, "This form is out of date: list the risks again."));
    }
    String reason = ModalInputs.text(view, REASON, REASON);
    String user = request.getPayload().getUser().getId();
    Optional<String> problem =
        dismissals.dismiss(
            target.get()[0], target.get()[1], user, reason, "dismiss:" + view.getId());
    log.info(
        "rollout {}: dismissal of {} by {}: {}",
        LogLines.escaped(target.get()[0]),
        LogLines.escaped(target.get()[1]),
        LogLines.escaped(user),
        problem.isEmpty() ? "dismissed" : "refused");
    if (problem.isPresent()) {
      return context.ackWithErrors(Map.of(REASON, problem.get()));
    }
    worker.sync(target.get()[0]);
    return context.ack();
  }
}
