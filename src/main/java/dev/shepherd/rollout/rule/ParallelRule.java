package dev.shepherd.rollout.rule;

import dev.shepherd.format.Lists;
import dev.shepherd.partition.Wave;
import dev.shepherd.rollout.Refusal;
import java.util.List;
import java.util.Optional;

/**
 * A wave with {@code parallel: N} has at most N of its partitions in rollout at once, so a bad
 * revision hurts N partitions at worst before someone looks. Not overridable: it limits attention,
 * not order. Replicas racing past it by one is possible; the partition itself is still held by the
 * database.
 */
final class ParallelRule implements StartRule {
  @Override
  public Optional<Refusal> check(StartContext context) {
    Wave wave = context.wave();
    if (wave.parallel() == 0) {
      return Optional.empty();
    }
    String self = context.partition().name();
    List<String> busy =
        wave.partitions().stream()
            .filter(p -> !p.equals(self))
            .filter(p -> context.tx().activeOn(p).isPresent())
            .toList();
    if (busy.size() < wave.parallel()) {
      return Optional.empty();
    }
    return Optional.of(
        new Refusal(
            Refusal.Reason.PARALLEL_LIMIT,
            "wave "
                + wave.name()
                + " allows "
                + wave.parallel()
                + " partitions in rollout at once, and "
                + Lists.some(busy)
                + (busy.size() == 1 ? " is" : " are")
                + ": start "
                + self
                + " when one of them ends"));
  }
}
