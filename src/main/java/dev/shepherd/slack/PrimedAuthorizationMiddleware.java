package dev.shepherd.slack;

import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.builtin.SingleTeamAuthorization;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Bolt's single-workspace authorization with its {@code auth.test} answer fetched at start-up.
 * Bolt's own calls {@code auth.test} inside the first request, so with a slow Slack the first
 * {@code /rollout} after a deploy would miss Slack's three-second ack.
 */
final class PrimedAuthorizationMiddleware extends SingleTeamAuthorization {
  private final AppConfig config;
  private volatile AuthTestResponse answer;

  PrimedAuthorizationMiddleware(AppConfig config) {
    super(config, null);
    this.config = config;
  }

  /** Asks Slack who the bot is, now, so no request has to. */
  void prime(MethodsClient client, String token) throws IOException, SlackApiException {
    answer = super.callAuthTest(token, config, client);
  }

  /** Who the bot is, once Slack has said so. */
  Optional<AuthTestResponse> identity() {
    return Optional.ofNullable(answer).filter(AuthTestResponse::isOk);
  }

  @Override
  protected AuthTestResponse callAuthTest(String token, AppConfig config, MethodsClient client)
      throws IOException, SlackApiException {
    AuthTestResponse known = answer;
    if (known != null && known.isOk()) {
      return known;
    }
    AuthTestResponse fresh = super.callAuthTest(token, config, client);
    answer = fresh;
    return fresh;
  }
}
