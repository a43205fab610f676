package dev.shepherd.slack;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach Slack. Holds secrets: {@link #toString()} never shows them.
 *
 * @param apiUrl the Web API base, {@code https://slack.com/api/} unless GovSlack or a test says
 * @param appToken set for Socket Mode
 * @param postInterval the pace of posts per channel (Slack allows about one a second)
 * @param sweepInterval how often threads are re-synced from the database
 */
public record SlackSettings(
    String botToken,
    String signingSecret,
    Optional<String> appToken,
    String apiUrl,
    Duration postInterval,
    Duration sweepInterval) {

  public SlackSettings {
    Objects.requireNonNull(botToken, "botToken");
    Objects.requireNonNull(signingSecret, "signingSecret");
    apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
  }

  @Override
  public String toString() {
    return "SlackSettings[apiUrl="
        + apiUrl
        + ", socketMode="
        + appToken.isPresent()
        + ", postInterval="
        + postInterval
        + ", sweepInterval="
        + sweepInterval
        + "]";
  }
}
