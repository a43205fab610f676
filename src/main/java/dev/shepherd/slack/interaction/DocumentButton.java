package dev.shepherd.slack.interaction;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.shepherd.format.LogLines;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.SyncWorker;
import dev.shepherd.slack.view.ButtonValue;
import dev.shepherd.slack.view.Mrkdwn;
import dev.shepherd.slack.view.SlackMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A summary button that shares a document about the rollout in its thread (Export record, Propose
 * runbook changes, Draft retrospective): as a file (files.getUploadURLExternal, then
 * files.completeUploadExternal), or, where the app lacks {@code files:write}, as a message cut
 * where Slack's limits cut it, with the command that prints it whole. Anyone who can see the
 * summary can click: the documents hold what the channel already saw. A click Slack delivers twice
 * is answered once.
 */
public final class DocumentButton implements BlockActionHandler {
  private static final Logger log = LoggerFactory.getLogger(DocumentButton.class);

  /** Slack's limit for a section's text. */
  private static final int SNIPPET = 2600;

  /** What a click shares. */
  sealed interface Document permits File, Words {}

  /**
   * A file for the thread.
   *
   * @param comment posted with the file
   * @param command the command that prints the content whole, named when it is posted as text
   */
  record File(String name, String title, String content, String comment, String command)
      implements Document {}

  /** Words for the thread instead of a file: why there is nothing to share. */
  record Words(String text) implements Document {}

  /** Makes the document of a rollout for the user who clicked. */
  @FunctionalInterface
  interface Writer {
    Document write(Rollout rollout, String user);
  }

  private final String name;
  private final Function<String, Optional<Rollout>> rollouts;
  private final Writer writer;
  private final SyncWorker worker;
  private final ChatGateway slack;
  private final Set<String> clicked =
      Collections.newSetFromMap(
          new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > 1000;
            }
          });

  /**
   * @param name what the document is, in logs and in the key of a message posted for it ({@code
   *     record-export}, {@code proposal}, {@code retrospective})
   */
  public DocumentButton(
      String name,
      Function<String, Optional<Rollout>> rollouts,
      Writer writer,
      SyncWorker worker,
      ChatGateway slack) {
    this.name = name;
    this.rollouts = rollouts;
    this.writer = writer;
    this.worker = worker;
    this.slack = slack;
  }

  @Override
  public Response apply(BlockActionRequest request, ActionContext context) {
    var payload = request.getPayload();
    var action = payload.getActions().get(0);
    Optional<ButtonValue.Parsed> target = ButtonValue.parse(action.getValue());
    if (target.isEmpty()) {
      return Response.builder().statusCode(400).body("unknown action").build();
    }
    String user = payload.getUser().getId();
    String click = action.getActionTs() + ":" + user;
    boolean first;
    synchronized (clicked) {
      first = clicked.add(click);
    }
    if (first) {
      worker.runNow(() -> share(target.get().rolloutId(), user, click));
    }
    return context.ack();
  }

  /**
   * @param click the click's own key: each click's post is its own message, looked up as such
   */
  private void share(String rolloutId, String user, String click) {
    Optional<Rollout> rollout = rollouts.apply(rolloutId);
    if (rollout.isEmpty() || rollout.get().thread().threadId().isEmpty()) {
      log.warn(
          "rollout {}: no {} for {}: no such rollout, or it has no thread",
          LogLines.escaped(rolloutId),
          name,
          LogLines.escaped(user));
      return;
    }
    String channel = rollout.get().thread().channel();
    String thread = rollout.get().thread().threadId().get();
    Document document;
    try {
      document = writer.write(rollout.get(), user);
    } catch (RuntimeException e) {
      log.warn(
          "rollout {}: the {} for {} could not be made: {}",
          LogLines.escaped(rolloutId),
          name,
          LogLines.escaped(user),
          LogLines.escaped(e));
      post(
          rolloutId,
          channel,
          thread,
          "<@"
              + user
              + "> asked for the "
              + name.replace('-', ' ')
              + ", and it could not be made: "
              + e.getMessage(),
          click);
      return;
    }
    if (document instanceof Words words) {
      post(rolloutId, channel, thread, words.text(), click);
      return;
    }
    File file = (File) document;
    try {
      slack.upload(channel, thread, file.name(), file.title(), file.content(), file.comment());
      log.info(
          "rollout {}: {} shared in its thread for {}",
          LogLines.escaped(rolloutId),
          name,
          LogLines.escaped(user));
    } catch (ChatGateway.SlackCallFailed e) {
      if (!e.cannotShareFiles()) {
        log.warn(
            "rollout {}: could not share the {} for {}: {}",
            LogLines.escaped(rolloutId),
            name,
            LogLines.escaped(user),
            LogLines.escaped(e.getMessage()));
        return;
      }
      String content = file.content();
      String shown = content.length() <= SNIPPET ? content : content.substring(0, SNIPPET) + "\n…";
      post(
          rolloutId,
          channel,
          thread,
          file.comment()
              + " (the app lacks files:write, so as text;"
              + " whole with `"
              + file.command()
              + "`):\n```"
              + Mrkdwn.escape(shown.replace("```", "'''"))
              + "```",
          click);
    }
  }

  private void post(String rolloutId, String channel, String thread, String text, String click) {
    try {
      slack.post(
          channel,
          Optional.of(thread),
          SlackMessage.ofText(text),
          new ChatGateway.MessageKey(rolloutId, name + ":" + click));
    } catch (ChatGateway.SlackCallFailed e) {
      log.warn(
          "rollout {}: could not post the {} in its thread: {}",
          LogLines.escaped(rolloutId),
          name,
          LogLines.escaped(e.getMessage()));
    }
  }
}
