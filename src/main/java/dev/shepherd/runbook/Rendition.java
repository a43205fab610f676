package dev.shepherd.runbook;

import dev.shepherd.partition.Partition;
import java.util.List;

/**
 * A runbook as it will be walked on one partition: every template filled, and the variables that
 * this partition does not define (each with its file line).
 */
public record Rendition(Runbook runbook, Partition partition, List<UndefinedVariable> undefined) {
  public Rendition {
    undefined = List.copyOf(undefined);
  }

  /** A {@code {{name}}} the partition has no value for, at a file line. */
  public record UndefinedVariable(String name, int line) {}

  public boolean isComplete() {
    return undefined.isEmpty();
  }
}
