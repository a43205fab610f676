package dev.shepherd.slack.command;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.conversations.ConversationsMembersResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Whether someone is in a channel, asked of Slack with {@code conversations.members} (a page of up
 * to 1,000 at a time, following {@code next_cursor}). The start form of the global shortcut asks
 * it: a rollout's thread is posted in the channel chosen there, so only a member may choose it.
 * Needs {@code channels:read} (and {@code groups:read} for private channels). Thread-safe.
 */
public final class ChannelMembers {
  /** Pages asked at most: 50 of 1,000 members each, far beyond a deploy channel. */
  private static final int MAX_PAGES = 50;

  private final MethodsClient client;

  public ChannelMembers(MethodsClient client) {
    this.client = client;
  }

  /** Empty when the user is a member of the channel; else what to tell them, and why. */
  public Optional<String> refusal(String channel, String user) {
    String cursor = "";
    for (int page = 0; page < MAX_PAGES; page++) {
      String from = cursor;
      ConversationsMembersResponse response;
      try {
        response =
            client.conversationsMembers(
                r -> {
                  r.channel(channel).limit(1000);
                  if (!from.isEmpty()) {
                    r.cursor(from);
                  }
                  return r;
                });
      } catch (IOException | SlackApiException e) {
        return Optional.of(
            "Shepherd could not ask Slack who is in <#"
                + channel
                + "> ("
                + e.getMessage()
                + "): try again, or type /rollout in that channel");
      }
      if (!response.isOk()) {
        return Optional.of(problem(channel, response.getError(), response.getNeeded()));
      }
      if (response.getMembers() != null && response.getMembers().contains(user)) {
        return Optional.empty();
      }
      cursor =
          response.getResponseMetadata() == null
                  || response.getResponseMetadata().getNextCursor() == null
              ? ""
              : response.getResponseMetadata().getNextCursor();
      if (cursor.isEmpty()) {
        return Optional.of(
            "You are not a member of <#"
                + channel
                + ">: join it first, or choose a channel you are in; its thread is posted there");
      }
    }
    return Optional.of(
        "<#" + channel + "> has too many members to check: type /rollout in that channel instead");
  }

  private static String problem(String channel, String error, String needed) {
    if ("channel_not_found".equals(error)) {
      return "Shepherd cannot see <#"
          + channel
          + ">: invite it there (/invite @Shepherd), or choose another channel";
    }
    if ("missing_scope".equals(error)) {
      return "Slack answered conversations.members with missing_scope: add the "
          + (needed == null ? "channels:read and groups:read" : needed)
          + " scope to the app and reinstall it";
    }
    return "Slack answered conversations.members with " + error + ": try again";
  }
}
