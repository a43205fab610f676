package dev.shepherd.slack.posting;

import dev.shepherd.format.LogLines;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.slack.view.RefusalText;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ephemeral replies: only the person who clicked sees them. Best effort, never retried. */
public final class EphemeralReplies {
  private static final Logger log = LoggerFactory.getLogger(EphemeralReplies.class);

  private EphemeralReplies() {}

  /** Tells the clicker, after the ack, why their click changed nothing. */
  public static void refused(
      SyncWorker worker,
      ChatGateway slack,
      com.slack.api.app_backend.interactive_components.payload.BlockActionPayload payload,
      Refusal refusal) {
    if (payload.getChannel() == null) {
      return;
    }
    String channel = payload.getChannel().getId();
    String user = payload.getUser().getId();
    Optional<String> thread =
        Optional.ofNullable(payload.getContainer())
            .map(c -> c.getThreadTs() != null ? c.getThreadTs() : c.getMessageTs());
    String text = RefusalText.render(refusal);
    worker.runNow(() -> ephemeral(slack, channel, user, thread, text));
  }

  public static void ephemeral(
      ChatGateway slack, String channel, String user, Optional<String> thread, String text) {
    try {
      slack.ephemeral(channel, user, thread, text);
    } catch (ChatGateway.SlackCallFailed e) {
      // Only the clicker would have seen it, and the thread shows the true state anyway.
      log.warn(
          "could not tell {} in {} why their click was refused: {}",
          LogLines.escaped(user),
          LogLines.escaped(channel),
          LogLines.escaped(e.getMessage()));
    }
  }
}
