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

  /**
   * Shares a text file in a thread: files.getUploadURLExternal, the bytes to the URL it gives,
   * then files.completeUploadExternal, which posts it in the channel's thread.
   */
  void upload(String channel, String threadTs, String filename, String title, String content,
      String comment) throws SlackCallFailed;

  /** A Web API call that failed for good: the method, and Slack's error or the transport's. */
  final class SlackCallFailed extends Exception {
    SlackCallFailed(String message, Throwable cause) {
      super(message, cause);
    }

    /**
     * Whether the workspace will not take files from this app: installed without files:write, or
     * a Web API without the files methods (the sandbox's stand-in).
     */
    boolean cannotShareFiles() {
      return getMessage() != null && (getMessage().contains("missing_scope")
          || getMessage().contains("unknown_method"));
    }
  }
}
