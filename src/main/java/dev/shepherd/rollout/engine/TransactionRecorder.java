package dev.shepherd.rollout.engine;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutObserver;
import dev.shepherd.rollout.RolloutStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How every request becomes one transaction with its acknowledgement: the same idempotency key
 * answered as a duplicate, a refusal recorded as a value, a lost race retried. Shared by the
 * starts, clicks, freezes, schedules and notes, so each of them writes its trail the same way.
 */
final class TransactionRecorder {
  private final RolloutStore store;
  private final Clock clock;
  private final RolloutObserver observer;

  TransactionRecorder(RolloutStore store, Clock clock, RolloutObserver observer) {
    this.store = store;
    this.clock = clock;
    this.observer = observer;
  }

  RolloutStore store() {
    return store;
  }

  /** Milliseconds are what every database keeps alike; finer parts would not survive a reload. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Tells the observer, after the transaction committed. */
  Outcome observed(Outcome outcome) {
    try {
      observer.observed(outcome);
    } catch (RuntimeException e) {
      // counting must never change what a click did
    }
    return outcome;
  }

  Optional<Outcome> duplicate(RolloutStore.Transaction tx, String key) {
    return tx.acknowledgement(key)
        .map(
            original ->
                new Outcome.Duplicate(original.rolloutId().flatMap(id -> tx.lock(id)), original));
  }

  static Outcome refuse(
      RolloutStore.Transaction tx,
      Refusal refusal,
      Optional<Rollout> rollout,
      Acknowledgement ack) {
    return new Outcome.Refused(refusal, rollout, tx.append(ack));
  }

  /** Who said it, when and where, given whether it was accepted and what it records. */
  @FunctionalInterface
  interface Said {
    Acknowledgement ack(boolean accepted, String detail);
  }

  /**
   * A say-so about a rollout that changes no step (a fix, a dismissal, a redaction): its refusal
   * recorded, or, accepted, the rollout's version moved on (so its thread and findings are drawn
   * again) and {@code detail} recorded.
   */
  static Outcome refusedOrRecorded(
      RolloutStore.Transaction tx,
      Rollout rollout,
      Optional<Refusal> refusal,
      Said said,
      String detail) {
    if (refusal.isPresent()) {
      return refuse(
          tx, refusal.get(), Optional.of(rollout), said.ack(false, refusal.get().message()));
    }
    Rollout next = rollout.bumped();
    tx.update(rollout, next);
    return new Outcome.Accepted(Optional.of(next), tx.append(said.ack(true, detail)));
  }

  /**
   * A constraint fired: a concurrent request with the same key won (answer as a duplicate), or a
   * concurrent change won the race (try the request again against the new state).
   */
  Outcome afterConflict(RolloutStore.Conflict conflict, String key, Supplier<Outcome> retry) {
    if (conflict.kind() == RolloutStore.Conflict.Kind.DUPLICATE_KEY) {
      return store.inTransaction(tx -> duplicate(tx, key)).orElseThrow(() -> conflict);
    }
    return retry.get();
  }

  /**
   * What every change to one rollout does first, inside its transaction: an action already recorded
   * under its key is answered as it was; a rollout that does not exist is a recorded refusal (its
   * acknowledgement drawn by {@code refused}); else {@code work} runs on the rollout, locked.
   */
  Outcome onLockedRollout(
      RolloutStore.Transaction tx,
      String idempotencyKey,
      String rolloutId,
      Function<Refusal, Acknowledgement> refused,
      Function<Rollout, Outcome> work) {
    Optional<Outcome> recorded = duplicate(tx, idempotencyKey);
    if (recorded.isPresent()) {
      return recorded.get();
    }
    Optional<Rollout> locked = tx.lock(rolloutId);
    if (locked.isEmpty()) {
      Refusal refusal = new Refusal(Refusal.Reason.NOT_FOUND, "no rollout " + rolloutId);
      return refuse(tx, refusal, Optional.empty(), refused.apply(refusal));
    }
    return work.apply(locked.get());
  }
}
