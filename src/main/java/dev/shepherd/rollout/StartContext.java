package dev.shepherd.rollout;

import dev.shepherd.partition.Partition;
import dev.shepherd.runbook.Rendition;
import dev.shepherd.runbook.Runbook;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** What the start rules look at: the request, the rendered runbook, and the store's view. */
record StartContext(
    StartRequest request,
    Runbook runbook,
    Rendition rendition,
    Partition partition,
    List<String> order,
    Set<String> approvers,
    RolloutStore.Transaction tx,
    Instant now) {}
