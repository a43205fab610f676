package dev.shepherd.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A recorded action: who did what to which step of which rollout, when, and whether it was
 * accepted. Append-only: never updated, never deleted.
 *
 * @param id the store's sequence number, 0 before it is stored
 * @param rolloutId empty for partition-wide actions (freeze) and refused starts
 * @param idempotencyKey the click's key; the same key is one acknowledgement however often sent
 * @param detail the refusal's message, the skip reason, the override reason, a note's text, a
 *     failure's symptom, an approval's fingerprint of the step as the approver saw it ({@link
 *     #DRAWN})…
 * @param evidence a note's links and files, empty for everything else
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
    String detail,
    List<Evidence> evidence) {

  /** How an approval's detail begins when it records the step as the approver saw it. */
  public static final String DRAWN = "as drawn: ";

  public Acknowledgement {
    evidence = List.copyOf(evidence);
    // A refused attempt is recorded whatever was typed: its texts clipped to what the record holds.
    partition = RecordLimits.clip(partition, RecordLimits.NAME);
    user = RecordLimits.clip(user, RecordLimits.NAME);
    detail = RecordLimits.clip(detail, RecordLimits.DETAIL);
    idempotencyKey = idempotencyKey.map(key -> RecordLimits.clip(key, RecordLimits.KEY));
  }

  /** The fingerprint of the step as the approver saw it, for an approval that recorded one. */
  public Optional<String> drawn() {
    return action == Action.APPROVE && detail.startsWith(DRAWN)
        ? Optional.of(detail.substring(DRAWN.length()))
        : Optional.empty();
  }

  /** An acknowledgement without evidence: every click. */
  public Acknowledgement(
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
    this(
        id,
        rolloutId,
        partition,
        phase,
        position,
        action,
        user,
        at,
        idempotencyKey,
        accepted,
        detail,
        List.of());
  }

  public Acknowledgement withId(long assigned) {
    return new Acknowledgement(
        assigned,
        rolloutId,
        partition,
        phase,
        position,
        action,
        user,
        at,
        idempotencyKey,
        accepted,
        detail,
        evidence);
  }

  public Acknowledgement withDetail(String text) {
    return new Acknowledgement(
        id,
        rolloutId,
        partition,
        phase,
        position,
        action,
        user,
        at,
        idempotencyKey,
        accepted,
        text,
        evidence);
  }

  /** The chain this row is a link of: its rollout's, or its partition's for rows of none. */
  public String chainKey() {
    return rolloutId.map(id -> "rollout:" + id).orElse("partition:" + partition);
  }
}
