package dev.shepherd.slack.interaction;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.shepherd.format.LogLines;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.SyncWorker;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one shape of Shepherd's modals: opened on the worker with the click's trigger; submitted as
 * the form's request read from its inputs, one engine call, a refusal shown under the field, then
 * the thread's sync. A modal supplies only what is its own: its view, its request, its call.
 *
 * @param <T> the request a submitted form holds
 */
public abstract class ModalFlow<T> implements ViewSubmissionHandler {
  private static final Logger log = LoggerFactory.getLogger(ModalFlow.class);

  private final SyncWorker worker;
  private final String refusalField;

  /**
   * @param refusalField the block under whose field a refusal is shown
   */
  protected ModalFlow(SyncWorker worker, String refusalField) {
    this.worker = Objects.requireNonNull(worker, "worker");
    this.refusalField = Objects.requireNonNull(refusalField, "refusalField");
  }

  /** What a submitted form holds: its request, or what to show under a field instead. */
  protected sealed interface Form<T> {
    /** The form is complete: this is its request. */
    record Filled<T>(T request) implements Form<T> {}

    /** The form cannot be sent: {@code message} is shown under {@code field}. */
    record Invalid<T>(String field, String message) implements Form<T> {}
  }

  /**
   * What the one engine call answered: a refusal, or the rollout whose thread shows the change.
   *
   * @param then what the modal shows instead of closing (a no-op told in words), if anything
   */
  protected record Answer(
      Optional<String> refusal, Optional<String> rolloutId, String verdict, Optional<View> then) {
    public Answer(Optional<String> refusal, Optional<String> rolloutId, String verdict) {
      this(refusal, rolloutId, verdict, Optional.empty());
    }

    /**
     * An engine outcome: a refusal's message, or the rollout it changed. The same form submitted
     * again after a refusal is a duplicate of that refusal, and is shown as refused again.
     */
    public static Answer of(Outcome outcome) {
      String verdict = outcome.getClass().getSimpleName();
      Optional<String> refusal = outcome.refusalMessage();
      return refusal.isPresent()
          ? new Answer(refusal, Optional.empty(), verdict)
          : new Answer(Optional.empty(), outcome.rollout().map(Rollout::id), verdict);
    }

    /**
     * An engine outcome whose rollout's thread is redrawn even when refused: a refused skip may
     * mean the step moved on, and the thread should show where it is now.
     */
    public static Answer redrawingOnRefusal(Outcome outcome) {
      Answer answer = of(outcome);
      return new Answer(answer.refusal(), outcome.rollout().map(Rollout::id), answer.verdict());
    }
  }

  /** Reads the submitted form; nothing is called yet. */
  protected abstract Form<T> read(View view, String user);

  /** The one engine call the form asks for. */
  protected abstract Answer submit(T request);

  /** The request in a log line, such as {@code rollout r1: note on forward step 3}. */
  protected abstract String describe(T request);

  @Override
  public final Response apply(ViewSubmissionRequest request, ViewSubmissionContext context) {
    View view = request.getPayload().getView();
    String user = request.getPayload().getUser().getId();
    Form<T> form = read(view, user);
    if (form instanceof Form.Invalid<T> invalid) {
      return context.ackWithErrors(Map.of(invalid.field(), invalid.message()));
    }
    T filled = ((Form.Filled<T>) form).request();
    Answer answer = submit(filled);
    log.info(
        "{} by {}: {}",
        LogLines.escaped(describe(filled)),
        LogLines.escaped(user),
        answer.verdict());
    answer.rolloutId().ifPresent(worker::sync);
    if (answer.refusal().isPresent()) {
      return context.ackWithErrors(Map.of(refusalField, answer.refusal().get()));
    }
    if (answer.then().isPresent()) {
      return context.ackWithUpdate(answer.then().get());
    }
    return context.ack();
  }

  /**
   * A button that opens this modal: acked at once, the modal opened on the worker with the click's
   * trigger (good for three seconds); a value {@code parse} cannot read is answered 400.
   */
  protected final <V> Response openOnClick(
      BlockActionRequest request,
      ActionContext context,
      Function<String, Optional<V>> parse,
      BiConsumer<String, V> opener) {
    BlockActionPayload.Action clicked = request.getPayload().getActions().get(0);
    Optional<V> target = parse.apply(clicked.getValue());
    if (target.isEmpty()) {
      return Response.builder().statusCode(400).body("unknown action").build();
    }
    String trigger = request.getPayload().getTriggerId();
    opener.accept(trigger, target.get());
    return context.ack();
  }

  /** Opens {@code modal} with the trigger, on the worker: never inside the ack. */
  protected final void open(ChatGateway slack, String triggerId, View modal, String what) {
    openIf(slack, triggerId, () -> Optional.of(modal), what);
  }

  /** Opens the modal {@code modal} builds on the worker, if it builds one. */
  protected final void openIf(
      ChatGateway slack, String triggerId, Supplier<Optional<View>> modal, String what) {
    worker.runNow(
        () ->
            modal
                .get()
                .ifPresent(
                    view -> {
                      try {
                        slack.openModal(triggerId, view);
                      } catch (ChatGateway.SlackCallFailed e) {
                        log.warn("could not open {}: {}", what, e.getMessage());
                      }
                    }));
  }
}
