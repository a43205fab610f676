package dev.shepherd.slack;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ephemeral replies: only the person who clicked sees them. Best effort, never retried. */
final class Replies {
  private static final Logger log = LoggerFactory.getLogger(Replies.class);

  private Replies() {}

  static void ephemeral(ChatGateway slack, String channel, String user, Optional<String> thread,
      String text) {
    try {
      slack.ephemeral(channel, user, thread, text);
    } catch (ChatGateway.SlackCallFailed e) {
      // Only the clicker would have seen it, and the thread shows the true state anyway.
      log.warn("could not tell {} in {} why their click was refused: {}", user, channel, e.getMessage());
    }
  }
}
