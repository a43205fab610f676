package dev.shepherd.rollout.engine;

import dev.shepherd.partition.Choreography;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.rollout.UserGroups;
import dev.shepherd.rollout.access.AccessPolicy;
import dev.shepherd.rollout.rule.StartRule;
import java.util.List;
import java.util.Optional;

/**
 * What the engine's parts share, built once by {@link RolloutService}: the store, the order, the
 * start rules and the runbook checks they ask before a transaction, the recorded transactions, user
 * groups, the pinned renderer, the partition freezes and who may do what. Package-private: outside
 * the engine, everything goes through the front door.
 */
record EngineParts(
    RolloutStore store,
    Choreography choreography,
    List<StartRule> startRules,
    RunbookChecks runbookChecks,
    TransactionRecorder transactions,
    UserGroups groups,
    PinnedRunbookRenderer pinned,
    PartitionFreezer freezes,
    AccessPolicy access) {

  /** The active rollout on a partition, if any. */
  Optional<Rollout> activeOn(String partition) {
    return store.inTransaction(tx -> tx.activeOn(partition));
  }
}
