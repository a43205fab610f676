package dev.shepherd.rollout.engine;

import dev.shepherd.partition.Partition;
import dev.shepherd.rollout.RunbookCheck;
import dev.shepherd.runbook.Runbook;
import java.util.ArrayList;
import java.util.List;

/**
 * The pluggable runbook checks (the prod-only lint), asked before a start's transaction: they read
 * the whole runbook, and a slow one must never hold a connection and row locks while it reads.
 */
final class RunbookChecks {
  private final List<RunbookCheck> checks;

  RunbookChecks(List<RunbookCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  /** Every check's messages, in the checks' order; empty when the runbook may start. */
  List<String> errors(Runbook runbook, Partition partition) {
    List<String> errors = new ArrayList<>();
    for (RunbookCheck check : checks) {
      errors.addAll(check.errors(runbook, partition));
    }
    return List.copyOf(errors);
  }

  boolean isEmpty() {
    return checks.isEmpty();
  }
}
