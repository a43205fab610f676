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
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.learning.finding.Resolution;
import dev.shepherd.rollout.AfterTheFactRequest;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.SyncWorker;
import dev.shepherd.slack.view.ButtonValue;
import java.util.Optional;

/**
 * "What fixed it?": asked of whoever clicks Done on a step that failed before (the modal opens on
 * their click, and Cancel is always fine), and offered again on the summary. The answer is the
 * failure's resolution on the record: the fix and, if known, the cause, which a proposed
 * troubleshooting row then carries.
 */
public final class ResolutionModal extends ModalFlow<AfterTheFactRequest> {
  public static final String CALLBACK = "shepherd.resolve";
  private static final String FIX = "fix";
  private static final String CAUSE = "cause";

  /** Slack's own limit for a plain-text input. */
  private static final int MAX_LENGTH = 3000;

  private final RolloutService rollouts;
  private final ChatGateway slack;

  public ResolutionModal(RolloutService rollouts, SyncWorker worker, ChatGateway slack) {
    super(worker, FIX);
    this.rollouts = rollouts;
    this.slack = slack;
  }

  /** The summary's "What fixed it?" button: the same modal. */
  public Response click(BlockActionRequest request, ActionContext context) {
    return openOnClick(
        request,
        context,
        ButtonValue::parse,
        (trigger, step) -> open(slack, trigger, modal(step), what(step)));
  }

  /** After Done on a step: asks, on the worker, only when that step failed before. */
  void afterDone(String triggerId, ButtonValue.Parsed step) {
    openIf(
        slack,
        triggerId,
        () -> failedBefore(step) ? Optional.of(modal(step)) : Optional.empty(),
        what(step));
  }

  private boolean failedBefore(ButtonValue.Parsed step) {
    return step.phase() == Phase.FORWARD
        && rollouts.trail(step.rolloutId()).stream()
            .anyMatch(
                a ->
                    a.accepted()
                        && a.action() == Action.FAIL
                        && a.phase().equals(Optional.of(Phase.FORWARD))
                        && a.position().equals(Optional.of(step.position())));
  }

  private static String what(ButtonValue.Parsed step) {
    return "the resolution modal for step " + step.position() + " of " + step.rolloutId();
  }

  private static View modal(ButtonValue.Parsed step) {
    return view(
        v ->
            v.type("modal")
                .callbackId(CALLBACK)
                .privateMetadata(ButtonValue.of(step.rolloutId(), Phase.FORWARD, step.position()))
                .title(
                    viewTitle(
                        t ->
                            t.type("plain_text")
                                .text("Step " + step.position() + ": what fixed it?")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Add to the record")))
                .close(viewClose(c -> c.type("plain_text").text("Not now")))
                .blocks(
                    asBlocks(
                        section(
                            s ->
                                s.text(
                                    markdownText(
                                        "This step failed and then worked. What fixed it?"
                                            + " Shepherd proposes it as a troubleshooting row, so the next operator who sees"
                                            + " the same symptom finds the fix in the runbook."))),
                        input(
                            i ->
                                i.blockId(FIX)
                                    .label(plainText("What fixed it?"))
                                    .element(
                                        plainTextInput(
                                            p ->
                                                p.actionId(FIX)
                                                    .multiline(true)
                                                    .maxLength(MAX_LENGTH)))),
                        input(
                            i ->
                                i.blockId(CAUSE)
                                    .optional(true)
                                    .label(plainText("The cause, if you know it"))
                                    .element(
                                        plainTextInput(
                                            p ->
                                                p.actionId(CAUSE)
                                                    .multiline(true)
                                                    .maxLength(MAX_LENGTH)))))));
  }

  @Override
  protected Form<AfterTheFactRequest> read(View view, String user) {
    Optional<ButtonValue.Parsed> step = ButtonValue.parse(view.getPrivateMetadata());
    if (step.isEmpty()) {
      return new Form.Invalid<>(FIX, "This form is out of date: open it again from the summary.");
    }
    String fix = ModalInputs.text(view, FIX, FIX);
    String cause = ModalInputs.text(view, CAUSE, CAUSE);
    if (fix.isBlank()) {
      return new Form.Invalid<>(FIX, "Say what fixed it, or close the form.");
    }
    return new Form.Filled<>(
        new AfterTheFactRequest(
            step.get().rolloutId(),
            Action.RESOLVE,
            step.get().position(),
            user,
            Resolution.encode(fix, cause),
            "resolve:" + view.getId()));
  }

  @Override
  protected Answer submit(AfterTheFactRequest resolution) {
    return Answer.of(rollouts.hindsight(resolution));
  }

  @Override
  protected String describe(AfterTheFactRequest resolution) {
    return "rollout " + resolution.rolloutId() + ": resolution of step " + resolution.position();
  }
}
