package dev.shepherd.rollout.rule;

import dev.shepherd.format.Times;
import dev.shepherd.partition.DeployWindow;
import dev.shepherd.partition.Gates;
import dev.shepherd.rollout.Refusal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/** A partition with deploy windows starts only inside one of them. */
final class WindowRule extends OverridableRule {
  @Override
  Optional<Breach> breach(StartContext context) {
    Gates gates = context.choreography().gates(context.partition().name());
    if (gates.inWindow(context.startsAt())) {
      return Optional.empty();
    }
    String windows = String.join(", ", gates.windows().stream().map(DeployWindow::text).toList());
    String message =
        context.partition().name()
            + " starts only inside its deploy windows ("
            + windows
            + "), and "
            + Times.format(context.startsAt())
            + " is outside them. "
            + nextOpening(gates, context)
            + ", or "
            + OVERRIDE_HINT;
    return Optional.of(
        new Breach(
            new Refusal(Refusal.Reason.OUTSIDE_WINDOW, message),
            "outside the deploy windows " + windows));
  }

  /** {@code The next opening is Mon 2026-11-30 09:00 Europe/Berlin (08:00 UTC)}. */
  static String nextOpening(Gates gates, StartContext context) {
    Optional<Instant> next = gates.nextOpening(context.startsAt());
    if (next.isEmpty()) {
      return "No opening comes within a year: check the windows and blackouts in the config";
    }
    ZoneId zone =
        gates.windows().stream()
            .filter(w -> w.contains(next.get()))
            .findFirst()
            .map(DeployWindow::zone)
            .orElse(ZoneOffset.UTC);
    return "The next opening is " + Times.format(next.get(), zone);
  }
}
