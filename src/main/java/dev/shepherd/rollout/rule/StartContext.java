package dev.shepherd.rollout.rule;

import dev.shepherd.partition.Choreography;
import dev.shepherd.partition.Partition;
import dev.shepherd.partition.Wave;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.rollout.StartRequest;
import dev.shepherd.runbook.Rendition;
import dev.shepherd.runbook.Runbook;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the start rules look at: the request, the rendered runbook, and the store's view.
 *
 * @param at the time a schedule asks for; empty for a start now
 * @param order the configured partitions in their order: a runbook's own {@code partitions:} limit
 *     where it applies, never which earlier partitions it must have completed
 * @param keepers who may override the order here (the partition's configured approvers)
 * @param operator whether the operator may override (asked before the transaction, and only when
 *     the request carries an override)
 * @param runbookErrors what the runbook's checks (the prod-only lint) said, asked before the
 *     transaction: they read the whole runbook and must not hold a connection while they do
 */
public record StartContext(
    StartRequest request,
    Runbook runbook,
    Rendition rendition,
    Partition partition,
    List<String> order,
    Set<String> keepers,
    RolloutStore.Transaction tx,
    Instant now,
    Choreography choreography,
    Optional<Instant> at,
    ApproverCheck operator,
    List<String> runbookErrors) {

  /** When the rollout would start: the scheduled time, else now. */
  Instant startsAt() {
    return at.orElse(now);
  }

  /** The runbook's waves (its partitions only). */
  public List<Wave> waves() {
    return choreography.wavesFor(order);
  }

  /** The index of this partition's wave in {@link #waves}. */
  public int waveIndex() {
    return Choreography.waveIndex(partition.name(), waves());
  }

  public Wave wave() {
    return waves().get(waveIndex());
  }

  /** The revision this rollout would run. */
  String revision() {
    return rendition.runbook().revision().id();
  }
}
