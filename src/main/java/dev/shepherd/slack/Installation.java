package dev.shepherd.slack;

import java.util.Objects;
import java.util.Optional;

/**
 * The Slack workspace and app Shepherd serves. What is not given here is learned from {@code
 * auth.test} at start: the bot token's team and organization.
 *
 * @param team the workspace id ({@code T…}) requests must come from, when pinned by the operator
 * @param app the app id ({@code A…}) requests must be addressed to; unchecked when empty ({@code
 *     auth.test} does not say it)
 */
public record Installation(Optional<String> team, Optional<String> app) {
  public Installation {
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(app, "app");
  }

  /** Nothing pinned: the team is the bot token's, the app is not checked. */
  public static Installation learned() {
    return new Installation(Optional.empty(), Optional.empty());
  }
}
