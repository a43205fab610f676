package dev.shepherd.slack.view;

import dev.shepherd.rollout.Refusal;
import java.util.Objects;

/** The ephemeral reply to a refused click or command: the engine's reason, with real mentions. */
public final class RefusalText {
  private RefusalText() {}

  public static String render(Refusal refusal) {
    Objects.requireNonNull(refusal, "refusal");
    return render(refusal.message());
  }

  /** A refusal's message, such as a duplicate's recorded one ({@code Outcome.refusalMessage}). */
  public static String render(String message) {
    Objects.requireNonNull(message, "message");
    return ":no_entry: " + Mrkdwn.mentions(message);
  }
}
