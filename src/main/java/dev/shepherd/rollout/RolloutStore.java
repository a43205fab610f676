package dev.shepherd.rollout;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.ChainHead;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port through which the engine keeps rollouts. An implementation runs each {@link Work} in one
 * database transaction: all of it is committed, or none of it.
 */
public interface RolloutStore {

  <T> T inTransaction(Work<T> work);

  /** Work done inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Transaction tx);
  }

  /** What the engine may read and write inside a transaction. */
  interface Transaction {
    /** Reads a rollout and locks it until the transaction ends, so clicks on it serialise. */
    Optional<Rollout> lock(String rolloutId);

    /**
     * Stores a new rollout; while it is active it holds its partition.
     *
     * @throws Conflict of kind {@code PARTITION_TAKEN} when another active rollout holds it
     */
    void insert(Rollout rollout);

    /**
     * Stores a rollout's next value; a rollout that stopped being active frees its partition.
     *
     * @throws Conflict of kind {@code LOST_UPDATE} when someone else changed it meanwhile
     */
    void update(Rollout previous, Rollout next);

    /**
     * Appends an acknowledgement and returns it with its id.
     *
     * @throws Conflict of kind {@code DUPLICATE_KEY} when its idempotency key is already stored
     */
    Acknowledgement append(Acknowledgement acknowledgement);

    Optional<Acknowledgement> acknowledgement(String idempotencyKey);

    /**
     * The acknowledgements of a rollout, oldest first, as this transaction reads them: after {@link
     * #lock}, every one written before the lock was taken.
     */
    List<Acknowledgement> trail(String rolloutId);

    Optional<Rollout> activeOn(String partition);

    /**
     * The latest completed run of a runbook on each of the partitions that has one, in the order
     * given. An index look-up per partition: as fast with years of rollouts as with none.
     */
    List<CompletedRun> completed(String runbookId, List<String> partitions);

    Optional<Freeze> freeze(String partition);

    void freeze(Freeze freeze);

    void unfreeze(String partition);

    /** Keeps the text of a runbook revision, once; a revision's text never changes. */
    void snapshot(RunbookRef runbook, String content);
  }

  // Reads that need no transaction of their own.

  Optional<Rollout> find(String rolloutId);

  /** Every active rollout, by partition name. */
  List<Rollout> active();

  /** As {@link Transaction#completed}, in a transaction of its own. */
  List<CompletedRun> completed(String runbookId, List<String> partitions);

  /** The acknowledgements of a rollout, oldest first. */
  List<Acknowledgement> trail(String rolloutId);

  /** The trails of many rollouts at once, by rollout id, each oldest first. */
  Map<String, List<Acknowledgement>> trails(List<String> rolloutIds);

  List<Freeze> freezes();

  /** Ids of rollouts that ended at or after the instant. */
  List<String> endedSince(Instant instant);

  /** The ended rollouts of a runbook, newest first, at most {@code limit}: its history. */
  List<Rollout> ended(String runbookId, int limit);

  /** As {@link #ended}, one row each without steps: newest first, at most {@code limit}. */
  List<EndedRun> endedRuns(String runbookId, int limit);

  /** The rollout whose thread this is, if any: a reply there is evidence on its current step. */
  Optional<String> inThread(String channel, String threadTs);

  /** The text a rollout's runbook revision had when the rollout started. */
  Optional<String> snapshot(RunbookRef runbook);

  /** The newest link of a rollout's chain of acknowledgements, as the store holds it now. */
  Optional<ChainHead> head(String rolloutId);

  /** A write the database refused because of a constraint that encodes a rule. */
  final class Conflict extends RuntimeException {
    public enum Kind {
      PARTITION_TAKEN,
      DUPLICATE_KEY,
      LOST_UPDATE
    }

    private final Kind kind;

    public Conflict(Kind kind, String message, Throwable cause) {
      super(message, cause);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }
  }
}
