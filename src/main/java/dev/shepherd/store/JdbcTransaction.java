package dev.shepherd.store;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.AuditKey;
import dev.shepherd.rollout.CompletedRun;
import dev.shepherd.rollout.Freeze;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.rollout.RunbookRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One transaction's worth of the store port, handed to the rows, queries and trail it needs. */
final class JdbcTransaction implements RolloutStore.Transaction {
  final RolloutTable rollouts;
  final AcknowledgementTable acknowledgements;
  final RolloutQueries queries;
  final RunbookSnapshotTable snapshots;
  final ChainHeadTable heads;

  final Sql sql;

  /**
   * The rollouts this transaction wrote, as written: an accepted action's row carries its state.
   */
  private final Map<String, Rollout> written = new HashMap<>();

  JdbcTransaction(Sql sql, Optional<AuditKey> key) {
    this.sql = sql;
    this.rollouts = new RolloutTable(sql);
    this.snapshots = new RunbookSnapshotTable(sql);
    this.heads = new ChainHeadTable(sql);
    this.acknowledgements = new AcknowledgementTable(sql, key);
    this.queries = new RolloutQueries(sql, rollouts);
  }

  @Override
  public Optional<Rollout> lock(String rolloutId) {
    return rollouts.load(rolloutId, true);
  }

  @Override
  public void insert(Rollout rollout) {
    rollouts.insert(rollout);
    written.put(rollout.id(), rollout);
  }

  @Override
  public void update(Rollout previous, Rollout next) {
    rollouts.update(previous, next);
    written.put(next.id(), next);
  }

  @Override
  public Acknowledgement append(Acknowledgement acknowledgement) {
    Optional<String> state =
        acknowledgement.accepted()
            ? acknowledgement.rolloutId().map(written::get).map(StateDigest::of)
            : Optional.empty();
    return acknowledgements.append(acknowledgement, state);
  }

  @Override
  public Optional<Acknowledgement> acknowledgement(String idempotencyKey) {
    return acknowledgements.byKey(idempotencyKey);
  }

  @Override
  public List<Acknowledgement> trail(String rolloutId) {
    return acknowledgements.trail(rolloutId);
  }

  @Override
  public Optional<Rollout> activeOn(String partition) {
    return queries.activeOn(partition);
  }

  @Override
  public List<CompletedRun> completed(String runbookId, List<String> partitions) {
    return queries.completed(runbookId, partitions);
  }

  @Override
  public Optional<Freeze> freeze(String partition) {
    return queries.freeze(partition);
  }

  @Override
  public void freeze(Freeze freeze) {
    queries.freeze(freeze);
  }

  @Override
  public void unfreeze(String partition) {
    queries.unfreeze(partition);
  }

  @Override
  public void snapshot(RunbookRef runbook, String content) {
    snapshots.snapshot(runbook, content);
  }
}
