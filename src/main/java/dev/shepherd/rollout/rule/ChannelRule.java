package dev.shepherd.rollout.rule;

import dev.shepherd.rollout.Refusal;
import java.util.Optional;

/** A partition may be rolled out only from the channels it lists. */
final class ChannelRule implements StartRule {
  @Override
  public Optional<Refusal> check(StartContext context) {
    if (context.partition().allowsChannel(context.request().channel())) {
      return Optional.empty();
    }
    return Optional.of(
        new Refusal(
            Refusal.Reason.WRONG_CHANNEL,
            context.partition().name()
                + " can be rolled out only from "
                + String.join(
                    ", ", context.partition().channels().stream().map(c -> "#" + c).toList())
                + ": run the command there"));
  }
}
