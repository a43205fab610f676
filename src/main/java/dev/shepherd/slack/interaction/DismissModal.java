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
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.shepherd.learning.finding.DismissalRecorder;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.SyncWorker;
import dev.shepherd.slack.view.RisksView;
import java.util.Optional;

/**
 * Dismiss on a listed risk opens a modal for the reason; its submission records the dismissal
 * (approvers only: anyone else is told so under the field, and nothing is closed).
 */
public final class DismissModal extends ModalFlow<DismissModal.Dismissal> {
  public static final String CALLBACK = "shepherd.dismiss";
  private static final String REASON = "reason";
  private static final int MAX_LENGTH = 2000;

  private final DismissalRecorder dismissals;
  private final ChatGateway slack;

  /** A submitted form: the finding {@code findingId} of rollout {@code rolloutId}, and why. */
  record Dismissal(
      String rolloutId, String findingId, String user, String reason, String idempotencyKey) {}

  public DismissModal(DismissalRecorder dismissals, SyncWorker worker, ChatGateway slack) {
    super(worker, REASON);
    this.dismissals = dismissals;
    this.slack = slack;
  }

  /** The Dismiss button: open the modal after the ack. */
  public Response click(BlockActionRequest request, ActionContext context) {
    String value = request.getPayload().getActions().get(0).getValue();
    return openOnClick(
        request,
        context,
        RisksView::parse,
        (trigger, target) -> open(slack, trigger, modal(value), "the dismiss modal"));
  }

  private static View modal(String value) {
    return view(
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
  }

  @Override
  protected Form<Dismissal> read(View view, String user) {
    Optional<String[]> target = RisksView.parse(view.getPrivateMetadata());
    if (target.isEmpty()) {
      return new Form.Invalid<>(REASON, "This form is out of date: list the risks again.");
    }
    return new Form.Filled<>(
        new Dismissal(
            target.get()[0],
            target.get()[1],
            user,
            ModalInputs.text(view, REASON, REASON),
            "dismiss:" + view.getId()));
  }

  @Override
  protected Answer submit(Dismissal dismissal) {
    Optional<String> problem =
        dismissals.dismiss(
            dismissal.rolloutId(),
            dismissal.findingId(),
            dismissal.user(),
            dismissal.reason(),
            dismissal.idempotencyKey());
    return problem.isPresent()
        ? new Answer(problem, Optional.empty(), "refused")
        : new Answer(Optional.empty(), Optional.of(dismissal.rolloutId()), "dismissed");
  }

  @Override
  protected String describe(Dismissal dismissal) {
    return "rollout " + dismissal.rolloutId() + ": dismissal of " + dismissal.findingId();
  }
}
