package dev.shepherd.partition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The partitions in the fixed order a rollout goes through them, grouped into ordered waves. A
 * plain list is one partition per wave. The last wave (usually prod) is where latent per-partition
 * bugs surface, so it gets the loudest warnings.
 */
public final class Choreography {
  private final List<Partition> partitions;
  private final List<Wave> waves;
  private final boolean declaresWaves;
  private final Gates fleet;
  private final Map<String, Gates> own;

  /** One partition per wave, no windows, blackouts or soak: today's plain list. */
  public Choreography(List<Partition> partitions) {
    this(
        partitions,
        partitions.stream().map(p -> Wave.single(p.name())).toList(),
        false,
        Gates.NONE,
        Map.of());
  }

  /**
   * @param waves every partition in exactly one wave, in the partitions' order
   * @param declaresWaves whether the config wrote waves: then a wave waits for the previous one to
   *     complete the same revision (a plain list keeps accepting an earlier revision, warned)
   * @param fleet the fleet-wide gates
   * @param own each partition's own gates, where it has some
   */
  public Choreography(
      List<Partition> partitions,
      List<Wave> waves,
      boolean declaresWaves,
      Gates fleet,
      Map<String, Gates> own) {
    if (partitions.isEmpty()) {
      throw new IllegalArgumentException("a choreography needs at least one partition");
    }
    Set<String> seen = new HashSet<>();
    for (Partition partition : partitions) {
      if (!seen.add(partition.name())) {
        throw new IllegalArgumentException("partition " + partition.name() + " is listed twice");
      }
    }
    Set<String> waved = new HashSet<>();
    for (Wave wave : waves) {
      for (String name : wave.partitions()) {
        if (!seen.contains(name)) {
          throw new IllegalArgumentException(
              "wave " + wave.name() + " names partition " + name + ", which is not defined");
        }
        if (!waved.add(name)) {
          throw new IllegalArgumentException("partition " + name + " is in two waves");
        }
      }
    }
    if (!waved.equals(seen)) {
      List<String> loose =
          partitions.stream().map(Partition::name).filter(n -> !waved.contains(n)).toList();
      throw new IllegalArgumentException("partitions " + loose + " are in no wave");
    }
    this.partitions = List.copyOf(partitions);
    this.waves = List.copyOf(waves);
    this.declaresWaves = declaresWaves;
    this.fleet = fleet;
    this.own = Map.copyOf(own);
  }

  public List<Partition> partitions() {
    return partitions;
  }

  public List<Wave> waves() {
    return waves;
  }

  public boolean declaresWaves() {
    return declaresWaves;
  }

  public Optional<Partition> find(String name) {
    return partitions.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Every partition's name, wave after wave. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    waves.forEach(wave -> names.addAll(wave.partitions()));
    return names;
  }

  /** The waves a runbook goes through: only its partitions, and no wave left empty. */
  public List<Wave> wavesFor(List<String> order) {
    return waves.stream()
        .filter(w -> w.partitions().stream().anyMatch(order::contains))
        .map(w -> w.restrictedTo(order))
        .toList();
  }

  /** The index, in {@link #wavesFor}, of the wave holding this partition; -1 if none. */
  public static int waveIndex(String partition, List<Wave> waves) {
    for (int i = 0; i < waves.size(); i++) {
      if (waves.get(i).partitions().contains(partition)) {
        return i;
      }
    }
    return -1;
  }

  /** The gates of a partition: its own inside its wave's inside the fleet's. */
  public Gates gates(String partition) {
    Gates wave =
        waves.stream()
            .filter(w -> w.partitions().contains(partition))
            .findFirst()
            .map(Wave::gates)
            .orElse(Gates.NONE);
    return own.getOrDefault(partition, Gates.NONE).within(wave.within(fleet));
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
