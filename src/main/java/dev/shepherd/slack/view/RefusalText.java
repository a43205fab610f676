package dev.shepherd.slack.view;

import dev.shepherd.rollout.Refusal;
import java.util.Objects;

/** The ephemeral reply to a refused click or command: the engine's reason, with real mentions. */
public final class RefusalText {
  private RefusalText() {}

  public static String render(Refusal refusal) {
    Objects.requireNonNull(refusal, "refusal");
    return ":no_entry: " + Mrkdwn.mentions(refusal.message());
  }
}
