package dev.shepherd.rollout.engine;

import dev.shepherd.audit.AuditLog;
import dev.shepherd.rollout.RolloutRecord;
import dev.shepherd.rollout.RolloutStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads rollouts' records for export: one by id, or every rollout created in a period. */
public final class RecordReader {
  private final RolloutStore store;
  private final AuditLog log;

  public RecordReader(RolloutStore store, AuditLog log) {
    this.store = Objects.requireNonNull(store, "store");
    this.log = Objects.requireNonNull(log, "log");
  }

  public Optional<RolloutRecord> of(String rolloutId) {
    return store.find(rolloutId).map(rollout -> new RolloutRecord(rollout, log.chain(rolloutId)));
  }

  /** Rollouts created from {@code since} (inclusive) to {@code until} (exclusive), oldest first. */
  public List<RolloutRecord> between(Instant since, Instant until) {
    return log.createdBetween(since, until).stream()
        .map(this::of)
        .flatMap(Optional::stream)
        .toList();
  }
}
