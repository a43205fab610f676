package dev.shepherd.rollout.rule;

import dev.shepherd.partition.Wave;
import dev.shepherd.rollout.CompletedRun;
import dev.shepherd.rollout.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A wave with {@code canary: N} starts its first N partitions alone: the rest wait until each of
 * them completed the revision they would run.
 */
final class CanaryRule extends OverridableRule {
  @Override
  Optional<Breach> breach(StartContext context) {
    Wave wave = context.wave();
    List<String> canaries = wave.canaries();
    if (canaries.isEmpty() || canaries.contains(context.partition().name())) {
      return Optional.empty();
    }
    Map<String, CompletedRun> done =
        context.tx().completed(context.request().runbookId(), canaries).stream()
            .collect(Collectors.toMap(CompletedRun::partition, Function.identity()));
    List<String> waiting =
        canaries.stream()
            .filter(
                c -> done.get(c) == null || !done.get(c).revision().id().equals(context.revision()))
            .toList();
    if (waiting.isEmpty()) {
      return Optional.empty();
    }
    String message =
        context.partition().name()
            + " waits for the canary of wave "
            + wave.name()
            + ": "
            + context.request().runbookId()
            + " revision "
            + context.rendition().runbook().revision().shortId()
            + " has not completed on "
            + String.join(", ", waiting)
            + ". Roll out there first, or "
            + OVERRIDE_HINT;
    return Optional.of(
        new Breach(
            new Refusal(Refusal.Reason.CANARY, message),
            "canary not completed yet: " + String.join(", ", waiting)));
  }
}
