package dev.shepherd.slack.interaction;

import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.bolt.context.builtin.MessageShortcutContext;
import com.slack.api.bolt.request.builtin.MessageShortcutRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Redaction;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.RedactRequest;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.SyncWorker;
import dev.shepherd.slack.view.RedactView;
import java.util.Optional;

/**
 * The message shortcut <b>Redact from the record</b> on a reply in a rollout's thread: opens a
 * modal for the reason; its submission records a redaction that supersedes the reply's note (its
 * author or a keeper of the partition; anyone else is told why under the field). A message that is
 * no note, or a note already redacted, is answered in the modal and nothing is recorded.
 */
public final class RedactModal extends ModalFlow<RedactRequest> {
  /** The shortcut's callback id, as the app manifest names it. */
  public static final String SHORTCUT = "shepherd.redact-note";

  public static final String CALLBACK = RedactView.CALLBACK;

  private final RolloutService rollouts;
  private final ChatGateway slack;

  public RedactModal(RolloutService rollouts, SyncWorker worker, ChatGateway slack) {
    super(worker, RedactView.REASON);
    this.rollouts = rollouts;
    this.slack = slack;
  }

  /** The shortcut: acked at once, the modal opened on the worker for what the message is. */
  public Response shortcut(MessageShortcutRequest request, MessageShortcutContext context) {
    MessageShortcutPayload payload = request.getPayload();
    String channel = payload.getChannel() == null ? "" : payload.getChannel().getId();
    String ts =
        payload.getMessage() != null && payload.getMessage().getTs() != null
            ? payload.getMessage().getTs()
            : payload.getMessageTs();
    openIf(
        slack,
        payload.getTriggerId(),
        () -> Optional.of(modal(channel, ts == null ? "" : ts)),
        "the redact modal");
    return context.ack();
  }

  /** The form for the message's note; a notice when it is none, or is redacted already. */
  private View modal(String channel, String messageTs) {
    Optional<Acknowledgement> note =
        rollouts
            .recordedReply(channel, messageTs)
            .filter(
                a -> a.accepted() && a.rolloutId().isPresent() && Redaction.redactable(a.action()));
    if (note.isEmpty()) {
      return RedactView.notice(RedactView.NOT_A_NOTE);
    }
    return rollouts
        .redaction(note.get().rolloutId().get(), note.get().id())
        .map(done -> RedactView.notice(RedactView.already(done)))
        .orElseGet(() -> RedactView.form(note.get()));
  }

  @Override
  protected Form<RedactRequest> read(View view, String user) {
    Optional<RedactView.Target> target = RedactView.target(view.getPrivateMetadata());
    if (target.isEmpty()) {
      return new Form.Invalid<>(
          RedactView.REASON, "This form is out of date: use the shortcut on the message again.");
    }
    return new Form.Filled<>(
        new RedactRequest(
            target.get().rolloutId(),
            target.get().acknowledgement(),
            user,
            ModalInputs.text(view, RedactView.REASON, RedactView.REASON),
            "redact:" + view.getId()));
  }

  @Override
  protected Answer submit(RedactRequest request) {
    Outcome outcome = rollouts.redact(request);
    Optional<Redaction> earlier =
        outcome instanceof Outcome.Duplicate duplicate
            ? Redaction.of(duplicate.acknowledgement())
            : Optional.empty();
    if (earlier.isPresent()) {
      return new Answer(
          Optional.empty(),
          Optional.empty(),
          "Duplicate",
          Optional.of(RedactView.notice(RedactView.already(earlier.get()))));
    }
    return Answer.of(outcome);
  }

  @Override
  protected String describe(RedactRequest request) {
    return "rollout " + request.rolloutId() + ": redaction of acknowledgement " + request.target();
  }
}
