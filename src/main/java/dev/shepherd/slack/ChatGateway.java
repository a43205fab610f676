package dev.shepherd.slack;

import com.slack.api.model.view.View;
import dev.shepherd.slack.view.SlackMessage;
import java.util.Optional;

/** The Slack Web API calls Shepherd makes, and nothing else. Implementations are thread-safe. */
interface ChatGateway {
  /** Posts a message, in a thread when {@code threadTs} is given; returns the message's ts. */
  String post(String channel, Optional<String> threadTs, SlackMessage message) throws SlackCallFailed;

  void update(String channel, String ts, SlackMessage message) throws SlackCallFailed;

  void ephemeral(String channel, String user, Optional<String> threadTs, String text)
      throws SlackCallFailed;

  void openModal(String triggerId, View view) throws SlackCallFailed;

  /** Publishes a user's App Home tab. */
  void publishHome(String user, View view) throws SlackCallFailed;

  /** A Web API call that failed for good: the method, and Slack's error or the transport's. */
  final class SlackCallFailed extends Exception {
    SlackCallFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
