package dev.shepherd.rollout;

import dev.shepherd.partition.Partition;
import dev.shepherd.runbook.Runbook;
import java.util.List;

/**
 * A check a runbook must pass before it starts on a partition (the prod-only lint, say). Each
 * message names the line to fix; any message refuses the start.
 */
@FunctionalInterface
public interface RunbookCheck {
  List<String> errors(Runbook runbook, Partition partition);
}
