package dev.shepherd.rollout;

import java.time.Instant;
import java.util.Optional;

/**
 * A recorded action: who did what to which step of which rollout, when, and whether it was
 * accepted. Append-only: never updated, never deleted.
 *
 * @param id the store's sequence number, 0 before it is stored
 * @param rolloutId empty for partition-wide actions (freeze) and refused starts
 * @param idempotencyKey the click's key; the same key is one acknowledgement however often sent
 * @param detail the refusal's message, the skip reason, the override reason…
 */
public record Acknowledgement(
    long id,
    Optional<String> rolloutId,
    String partition,
    Optional<Phase> phase,
    Optional<Integer> position,
    Action action,
    String user,
    Instant at,
    Optional<String> idempotencyKey,
    boolean accepted,
    String detail) {

  public Acknowledgement withId(long assigned) {
    return new Acknowledgement(assigned, rolloutId, partition, phase, position, action, user, at,
        idempotencyKey, accepted, detail);
  }
}
