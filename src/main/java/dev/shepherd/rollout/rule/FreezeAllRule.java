package dev.shepherd.rollout.rule;

import dev.shepherd.format.FreeText;
import dev.shepherd.format.Times;
import dev.shepherd.rollout.Freeze;
import dev.shepherd.rollout.Refusal;
import java.util.Optional;

/**
 * The incident switch: while the fleet is frozen no partition starts, and every start refusal is
 * this one, naming who froze it and why.
 */
public final class FreezeAllRule implements StartRule {
  @Override
  public Optional<Refusal> check(StartContext context) {
    return context.tx().freeze(Freeze.ALL).map(FreezeAllRule::refusal);
  }

  public static Refusal refusal(Freeze freeze) {
    return new Refusal(
        Refusal.Reason.FROZEN,
        "every partition is frozen by @"
            + freeze.by()
            + " since "
            + Times.format(freeze.at())
            + ": "
            + FreeText.inert(freeze.reason())
            + ". An approver can lift it with /rollout unfreeze all");
  }
}
