package dev.shepherd.partition;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The partitions in the fixed order a rollout goes through them. The last one (usually prod) is
 * where latent per-partition bugs surface, so it gets the loudest warnings.
 */
public final class Choreography {
  private final List<Partition> partitions;

  public Choreography(List<Partition> partitions) {
    if (partitions.isEmpty()) {
      throw new IllegalArgumentException("a choreography needs at least one partition");
    }
    Set<String> seen = new HashSet<>();
    for (Partition partition : partitions) {
      if (!seen.add(partition.name())) {
        throw new IllegalArgumentException("partition " + partition.name() + " is listed twice");
      }
    }
    this.partitions = List.copyOf(partitions);
  }

  public List<Partition> partitions() {
    return partitions;
  }

  public Optional<Partition> find(String name) {
    return partitions.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public List<String> names() {
    return partitions.stream().map(Partition::name).toList();
  }

  /** Whether this is the last partition of the given order (a runbook may use a subset). */
  public static boolean isLast(String name, List<String> order) {
    return !order.isEmpty() && order.get(order.size() - 1).equals(name);
  }

  /** The partitions that come before this one in the given order. */
  public static List<String> before(String name, List<String> order) {
    int index = order.indexOf(name);
    return index <= 0 ? List.of() : List.copyOf(order.subList(0, index));
  }

  /** The partition after this one in the given order, if any. */
  public static Optional<String> after(String name, List<String> order) {
    int index = order.indexOf(name);
    return index < 0 || index + 1 >= order.size()
        ? Optional.empty()
        : Optional.of(order.get(index + 1));
  }
}
