package dev.shepherd.slack.posting;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.model.Message;
import java.io.IOException;

/**
 * The bot a token posts as, from {@code auth.test}: its bot id and its bot user id. Anyone in a
 * channel, or another app, can post a message carrying Shepherd's metadata; a message is Shepherd's
 * only when this bot posted it.
 */
record BotIdentity(String botId, String userId) {

  /** Asks Slack who the token's bot is. */
  static BotIdentity of(MethodsClient client) throws ChatGateway.SlackCallFailed {
    AuthTestResponse answer;
    try {
      answer = client.authTest(r -> r);
    } catch (IOException | SlackApiException e) {
      throw new ChatGateway.SlackCallFailed("auth.test failed: " + e.getMessage(), e);
    }
    if (!answer.isOk()) {
      throw new ChatGateway.SlackCallFailed("auth.test failed: " + answer.getError(), null);
    }
    return of(answer);
  }

  static BotIdentity of(AuthTestResponse answer) throws ChatGateway.SlackCallFailed {
    String bot = answer.getBotId() == null ? "" : answer.getBotId();
    String user = answer.getUserId() == null ? "" : answer.getUserId();
    if (bot.isEmpty() && user.isEmpty()) {
      throw new ChatGateway.SlackCallFailed(
          "auth.test named no bot: Shepherd's own messages cannot be told apart", null);
    }
    return new BotIdentity(bot, user);
  }

  /** Whether this bot posted the message. */
  boolean posted(Message message) {
    return (!botId.isEmpty() && botId.equals(message.getBotId()))
        || (!userId.isEmpty() && userId.equals(message.getUser()));
  }
}
