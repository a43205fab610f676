package dev.shepherd.slack.interaction;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.shepherd.slack.posting.SyncWorker;
import dev.shepherd.slack.view.ButtonValue;
import java.util.Optional;

/**
 * A step's button that opens a modal: acked at once, the modal opened on the worker with the
 * click's trigger (good for three seconds), a value this version cannot read answered 400.
 */
final class ModalButtons {
  /** Opens the modal for the clicked step. */
  @FunctionalInterface
  interface Opener {
    void open(String triggerId, BlockActionPayload.Action clicked, ButtonValue.Parsed step);
  }

  private ModalButtons() {}

  static Response click(
      BlockActionRequest request, ActionContext context, SyncWorker worker, Opener opener) {
    BlockActionPayload.Action clicked = request.getPayload().getActions().get(0);
    Optional<ButtonValue.Parsed> step = ButtonValue.parse(clicked.getValue());
    if (step.isEmpty()) {
      return Response.builder().statusCode(400).body("unknown action").build();
    }
    String trigger = request.getPayload().getTriggerId();
    worker.runNow(() -> opener.open(trigger, clicked, step.get()));
    return context.ack();
  }
}
