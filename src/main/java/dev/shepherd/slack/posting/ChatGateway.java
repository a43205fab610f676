package dev.shepherd.slack.posting;

import com.slack.api.model.view.View;
import dev.shepherd.audit.ChainHead;
import dev.shepherd.slack.view.SlackMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The Slack Web API calls Shepherd makes, and nothing else. Implementations are thread-safe. */
public interface ChatGateway {
  /**
   * Posts a message, in a thread when {@code threadTs} is given; returns the message's ts. The
   * message carries its key in Slack's message metadata, for {@link #findPosted}.
   */
  String post(String channel, Optional<String> threadTs, SlackMessage message, MessageKey key)
      throws SlackCallFailed;

  /**
   * The ts of the message Shepherd posted with this key, if Slack has it: in the thread when {@code
   * threadTs} is given, else in the channel since {@code since}. For a post whose answer never
   * arrived (the process died, the database could not record it).
   */
  Optional<String> findPosted(
      String channel, Optional<String> threadTs, MessageKey key, Instant since)
      throws SlackCallFailed;

  /**
   * Which message of which rollout a post is.
   *
   * @param head the rollout's chain head the post witnesses (the summary's), carried in its
   *     metadata beside the key
   */
  record MessageKey(String rolloutId, String key, Optional<ChainHead> head) {
    /** The metadata event type Shepherd's posts carry. */
    static final String EVENT_TYPE = "shepherd_message";

    public MessageKey(String rolloutId, String key) {
      this(rolloutId, key, Optional.empty());
    }

    public MessageKey {
      Objects.requireNonNull(head, "head");
    }
  }

  /**
   * Updates a message once: paced by the caller (the workspace's {@link
   * dev.shepherd.chat.CallAllowance}), so a 429 is not waited out here but thrown, its {@link
   * SlackCallFailed#retryAfter()} set.
   */
  void update(String channel, String ts, SlackMessage message) throws SlackCallFailed;

  /**
   * Redraws the message a click came from through the click's {@code response_url} ({@code
   * replace_original}), which Slack limits per URL (five uses within 30 minutes) and not by {@code
   * chat.update}'s workspace tier. False when the URL no longer takes it (used up, expired,
   * refused, unreachable): the caller then updates the message the paced way. Never throws.
   */
  boolean replace(String responseUrl, SlackMessage message);

  void ephemeral(String channel, String user, Optional<String> threadTs, String text)
      throws SlackCallFailed;

  void openModal(String triggerId, View view) throws SlackCallFailed;

  /** Publishes a user's App Home tab. */
  void publishHome(String user, View view) throws SlackCallFailed;

  /**
   * Shares a text file in a thread: files.getUploadURLExternal, the bytes to the URL it gives, then
   * files.completeUploadExternal, which posts it in the channel's thread.
   */
  void upload(
      String channel,
      String threadTs,
      String filename,
      String title,
      String content,
      String comment)
      throws SlackCallFailed;

  /** A Web API call that failed for good: the method, and Slack's error or the transport's. */
  public final class SlackCallFailed extends Exception {
    private final transient Optional<Duration> retryAfter;

    SlackCallFailed(String message, Throwable cause) {
      this(message, cause, Optional.empty());
    }

    SlackCallFailed(String message, Throwable cause, Optional<Duration> retryAfter) {
      super(message, cause);
      this.retryAfter = retryAfter;
    }

    /** Set when Slack refused the call with a 429: how long it asked to wait. */
    public Optional<Duration> retryAfter() {
      return retryAfter;
    }

    /**
     * Whether the workspace will not take files from this app: installed without files:write, or a
     * Web API without the files methods (the sandbox's stand-in).
     */
    public boolean cannotShareFiles() {
      return getMessage() != null
          && (getMessage().contains("missing_scope") || getMessage().contains("unknown_method"));
    }
  }
}
