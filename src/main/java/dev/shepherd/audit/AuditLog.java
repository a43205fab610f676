package dev.shepherd.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The port through which the audit reads the record exactly as it is stored. */
public interface AuditLog {
  /** Every chained row, chain by chain and in chain order, without holding them all at once. */
  void walk(Consumer<ChainLink> rows);

  /**
   * Every chained row's place and the hash stored with it, and nothing of its content: what a
   * witness compares, read without the cost of every row's acknowledgement. In no given order.
   */
  void storedHashes(Consumer<StoredHash> rows);

  /** A row's place in its chain and the hash stored with it. */
  record StoredHash(String chainKey, long seq, String hash) {}

  /** The newest link of every chain, by chain key. */
  Map<String, ChainHead> heads();

  /** Every row on no chain at all, oldest first. */
  List<Acknowledgement> unchained();

  /** Where the keyed record begins, if a keyed Shepherd has written it. */
  Optional<KeyedStart> keyedStart();

  /** The rows without a keyed link up to an id, oldest first, with their links as stored. */
  void unkeyedThrough(long id, Consumer<ChainLink> rows);

  /** What the rollout tables say of every rollout, one at a time. */
  void rolloutRows(Consumer<RolloutRows> rollouts);

  /**
   * A rollout's record and its rows read in one snapshot: nothing written between the two reads.
   */
  Snapshot snapshot(String rolloutId);

  /** A rollout's record (its chain, oldest first) and its rows, as they stood at one moment. */
  record Snapshot(List<ChainLink> chain, Optional<RolloutRows> rows) {
    public Snapshot {
      chain = List.copyOf(chain);
    }
  }

  /** A rollout's rows with their links, oldest first. */
  List<ChainLink> chain(String rolloutId);

  /** Ids of rollouts created in a period, oldest first. */
  List<String> createdBetween(Instant since, Instant until);
}
