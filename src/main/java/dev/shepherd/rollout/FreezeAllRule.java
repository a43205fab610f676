package dev.shepherd.rollout;

import java.util.Optional;

/**
 * The incident switch: while the fleet is frozen no partition starts, and every start refusal is
 * this one, naming who froze it and why.
 */
final class FreezeAllRule implements StartRule {
  @Override
  public Optional<Refusal> check(StartContext context) {
    return context.tx().freeze(FleetFreeze.ALL).map(FreezeAllRule::refusal);
  }

  static Refusal refusal(Freeze freeze) {
    return new Refusal(
        Refusal.Reason.FROZEN,
        "every partition is frozen by @"
            + freeze.by()
            + " since "
            + Times.format(freeze.at())
            + ": "
            + freeze.reason()
            + ". An approver can lift it with /rollout unfreeze all");
  }
}
