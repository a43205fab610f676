package dev.shepherd.rollout.rule;

import dev.shepherd.format.Times;
import dev.shepherd.partition.Blackout;
import dev.shepherd.partition.Gates;
import dev.shepherd.rollout.Refusal;
import java.util.Optional;

/**
 * Nothing starts during a blackout (a holiday, an earnings freeze), and no rollout is scheduled
 * into one: the refusal names the blackout and the next time a start is allowed.
 */
final class BlackoutRule extends OverridableRule {
  @Override
  Optional<Breach> breach(StartContext context) {
    Gates gates = context.choreography().gates(context.partition().name());
    Optional<Blackout> blackout = gates.blackoutAt(context.startsAt());
    if (blackout.isEmpty()) {
      return Optional.empty();
    }
    String when = context.at().isPresent() ? Times.format(context.startsAt()) + " falls" : "it is";
    String message =
        context.partition().name()
            + ": "
            + when
            + " in the blackout "
            + blackout.get().describe()
            + ". "
            + WindowRule.nextOpening(gates, context)
            + ", or "
            + OVERRIDE_HINT;
    return Optional.of(
        new Breach(
            new Refusal(Refusal.Reason.BLACKOUT, message),
            "in the blackout " + blackout.get().describe()));
  }
}
