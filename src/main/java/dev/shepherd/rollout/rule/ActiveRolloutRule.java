package dev.shepherd.rollout.rule;

import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.Rollout;
import java.util.Optional;

/**
 * At most one active rollout per partition. This is the friendly early answer; the database's
 * constraint is what actually holds when two replicas race.
 */
public final class ActiveRolloutRule implements StartRule {
  @Override
  public Optional<Refusal> check(StartContext context) {
    return context.tx().activeOn(context.partition().name()).map(ActiveRolloutRule::refusal);
  }

  public static Refusal refusal(Rollout active) {
    return new Refusal(
        Refusal.Reason.ACTIVE_ROLLOUT,
        active.partition()
            + " already has an active"
            + " rollout: "
            + active.runbook().id()
            + " by @"
            + active.operator()
            + " ("
            + active.state().label()
            + "). Finish or abort it first (/rollout abort "
            + active.partition()
            + ")");
  }
}
