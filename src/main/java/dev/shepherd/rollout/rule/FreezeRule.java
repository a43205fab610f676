package dev.shepherd.rollout.rule;

import dev.shepherd.format.FreeText;
import dev.shepherd.format.Times;
import dev.shepherd.rollout.Refusal;
import java.util.Optional;

/** A frozen partition takes no new rollouts until an approver unfreezes it. */
final class FreezeRule implements StartRule {
  @Override
  public Optional<Refusal> check(StartContext context) {
    return context
        .tx()
        .freeze(context.partition().name())
        .map(
            freeze ->
                new Refusal(
                    Refusal.Reason.FROZEN,
                    freeze.partition()
                        + " is frozen by @"
                        + freeze.by()
                        + " since "
                        + Times.format(freeze.at())
                        + ": "
                        + FreeText.inert(freeze.reason())
                        + ". An approver can lift it with /rollout unfreeze "
                        + freeze.partition()));
  }
}
