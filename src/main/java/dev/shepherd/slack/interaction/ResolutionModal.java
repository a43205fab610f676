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
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.format.LogLines;
import dev.shepherd.learning.finding.Resolution;
import dev.shepherd.rollout.AfterTheFactRequest;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.SyncWorker;
import dev.shepherd.slack.view.ButtonValue;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "What fixed it?": asked of whoever clicks Done on a step that failed before (the modal opens on
 * their click, and Cancel is always fine), and offered again on the summary. The answer is the
 * failure's resolution on the record: the fix and, if known, the cause, which a proposed
 * troubleshooting row then carries.
 */
public final class ResolutionModal implements ViewSubmissionHandler {
  public static final String CALLBACK = "shepherd.resolve";
  private static final Logger log = LoggerFactory.getLogger(ResolutionModal.class);
  private static final String FIX = "fix";
  private static final String CAUSE = "cause";

  /** Slack's own limit for a plain-text input. */
  private static final int MAX_LENGTH = 3000;

  private final RolloutService rollouts;
  private final SyncWorker worker;
  private final ChatGateway slack;

  public ResolutionModal(RolloutService rollouts, SyncWorker worker, ChatGateway slack) {
    this.rollouts = rollouts;
    this.worker = worker;
    this.slack = slack;
  }

  /** The summary's "What fixed it?" button: the same modal. */
  public Response click(BlockActionRequest request, ActionContext context) {
    return ModalButtons.click(
        request, context, worker, (trigger, clicked, step) -> open(trigger, step));
  }

  /** After Done on a step: asks only when that step failed before. */
  void afterDone(String triggerId, ButtonValue.Parsed step) {
    boolean failedBefore =
        step.phase() == Phase.FORWARD
            && rollouts.trail(step.rolloutId()).stream()
                .anyMatch(
                    a ->
                        a.accepted()
                            && a.action() == Action.FAIL
                            && a.phase().equals(Optional.of(Phase.FORWARD))
                            && a.position().equals(Optional.of(step.position())));
    if (failedBefore) {
      open(triggerId, step);
    }
  }

  private void open(String triggerId, ButtonValue.Parsed step) {
    View modal =
        view(
            v ->
                v.type("modal")
                    .callbackId(CALLBACK)
                    .privateMetadata(
                        ButtonValue.of(step.rolloutId(), Phase.FORWARD, step.position()))
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
    try {
      slack.openModal(triggerId, modal);
    } catch (ChatGateway.SlackCallFailed e) {
      log.warn(
          "could not ask what fixed step {} of {}: {}",
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
      return context.ackWithErrors(
          Map.of(FIX, "This form is out of date: open it again from the summary."));
    }
    String fix = ModalInputs.text(view, FIX, FIX);
    String cause = ModalInputs.text(view, CAUSE, CAUSE);
    if (fix.isBlank()) {
      return context.ackWithErrors(Map.of(FIX, "Say what fixed it, or close the form."));
    }
    String user = request.getPayload().getUser().getId();
    Outcome outcome =
        rollouts.hindsight(
            new AfterTheFactRequest(
                step.get().rolloutId(),
                Action.RESOLVE,
                step.get().position(),
                user,
                Resolution.encode(fix, cause),
                "resolve:" + view.getId()));
    log.info(
        "rollout {}: resolution of step {} by {}: {}",
        LogLines.escaped(step.get().rolloutId()),
        step.get().position(),
        LogLines.escaped(user),
        outcome.getClass().getSimpleName());
    if (outcome instanceof Outcome.Refused refused) {
      return context.ackWithErrors(Map.of(FIX, refused.refusal().message()));
    }
    outcome.rollout().ifPresent(r -> worker.sync(r.id()));
    return context.ack();
  }
}
