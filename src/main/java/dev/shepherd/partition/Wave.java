package dev.shepherd.partition;

import java.util.List;
import java.util.Objects;

/**
 * Partitions that roll out together: all of them complete before the next wave starts.
 *
 * @param name how messages and the status view call it
 * @param partitions its partitions, in the config's order (the first ones are its canaries)
 * @param parallel at most this many of them in rollout at once; 0 for no limit
 * @param canary how many of its first partitions must complete before the rest may start
 * @param gates the wave's own soak, windows and blackouts (the fleet's are added by the
 *     choreography)
 */
public record Wave(String name, List<String> partitions, int parallel, int canary, Gates gates) {
  public Wave {
    Objects.requireNonNull(name, "name");
    partitions = List.copyOf(partitions);
    Objects.requireNonNull(gates, "gates");
    if (partitions.isEmpty()) {
      throw new IllegalArgumentException("wave " + name + " has no partitions");
    }
    if (parallel < 0 || canary < 0) {
      throw new IllegalArgumentException(
          "wave " + name + ": parallel and canary cannot be negative");
    }
    if (canary >= partitions.size() && canary > 0) {
      throw new IllegalArgumentException(
          "wave "
              + name
              + ": canary "
              + canary
              + " leaves none of"
              + " its "
              + partitions.size()
              + " partitions for after the canary");
    }
  }

  /** A wave of one partition: how a plain list of partitions reads. */
  public static Wave single(String partition) {
    return new Wave(partition, List.of(partition), 0, 0, Gates.NONE);
  }

  /** This wave restricted to the partitions a runbook applies to (canaries kept if present). */
  Wave restrictedTo(List<String> order) {
    List<String> kept = partitions.stream().filter(order::contains).toList();
    int canaries = (int) partitions.stream().limit(canary).filter(order::contains).count();
    return new Wave(name, kept, parallel, canaries >= kept.size() ? 0 : canaries, gates);
  }

  public List<String> canaries() {
    return partitions.subList(0, canary);
  }
}
