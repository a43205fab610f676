package dev.shepherd.slack.posting;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.engine.RolloutService;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A click on one of Shepherd's buttons that carries a value this version cannot read (a message
 * drawn by an older one): acked, and only the clicker is told the message is out of date, with a
 * link to the rollout's current thread when the value or the message's thread leads to one.
 */
public final class StaleButtonHandler {
  /** A rollout id as older values began with it, before a separator. */
  private static final Pattern LEADING_ID = Pattern.compile("^([A-Za-z0-9_-]{4,})[:|/.,\\s]");

  private final RolloutService rollouts;
  private final SyncWorker worker;
  private final ChatGateway slack;

  public StaleButtonHandler(RolloutService rollouts, SyncWorker worker, ChatGateway slack) {
    this.rollouts = rollouts;
    this.worker = worker;
    this.slack = slack;
  }

  /** Tells the clicker, after the ack, that the message they clicked is out of date. */
  public void tell(BlockActionPayload payload, String value) {
    if (payload.getChannel() == null || payload.getUser() == null) {
      return;
    }
    String channel = payload.getChannel().getId();
    String user = payload.getUser().getId();
    Optional<String> thread =
        Optional.ofNullable(payload.getContainer())
            .map(c -> c.getThreadTs() != null ? c.getThreadTs() : c.getMessageTs());
    String text = text(current(value, channel, thread));
    worker.runNow(() -> EphemeralReplies.ephemeral(slack, channel, user, thread, text));
  }

  static String text(Optional<String> link) {
    return ":hourglass: This message is out of date: Shepherd cannot read its button any more,"
        + " so your click changed nothing. "
        + link.map(l -> "The rollout's current thread: <" + l + "|open it>.")
            .orElse("Type `/rollout status` to find the current thread.");
  }

  /** The link to the thread of the rollout the value names, or of the one in this thread. */
  private Optional<String> current(String value, String channel, Optional<String> thread) {
    Optional<Rollout> named = Optional.empty();
    Matcher matcher = LEADING_ID.matcher(value == null ? "" : value);
    if (matcher.find()) {
      named = rollouts.find(matcher.group(1));
    }
    if (named.isEmpty() && thread.isPresent()) {
      named =
          rollouts.active().stream()
              .filter(
                  r -> r.thread().channel().equals(channel) && r.thread().threadId().equals(thread))
              .findFirst();
    }
    return named.flatMap(
        r -> r.thread().threadId().map(ts -> MessageLinks.link(r.thread().channel(), ts)));
  }
}
