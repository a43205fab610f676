package dev.shepherd.rollout;

import dev.shepherd.audit.Action;
import dev.shepherd.audit.Evidence;
import dev.shepherd.audit.Phase;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A note for the record on a rollout's step: what someone saw, with its links and files.
 *
 * @param step the step the note was written for (the Add note button's), or empty for whichever
 *     step is current when it arrives (a reply in the thread)
 * @param idempotencyKey the message's or the modal's id: a note sent twice is recorded once
 */
public record NoteRequest(
    String rolloutId,
    Optional<StepRef> step,
    String user,
    String text,
    List<Evidence> evidence,
    String idempotencyKey,
    Action kind,
    boolean fromAnotherTeam) {

  /** A note or symptom by someone of the installing workspace. */
  public NoteRequest(
      String rolloutId,
      Optional<StepRef> step,
      String user,
      String text,
      List<Evidence> evidence,
      String idempotencyKey,
      Action kind) {
    this(rolloutId, step, user, text, evidence, idempotencyKey, kind, false);
  }

  /** A note ({@link Action#NOTE}). */
  public NoteRequest(
      String rolloutId,
      Optional<StepRef> step,
      String user,
      String text,
      List<Evidence> evidence,
      String idempotencyKey) {
    this(rolloutId, step, user, text, evidence, idempotencyKey, Action.NOTE);
  }

  /** What someone saw when the step failed ({@link Action#SYMPTOM}): only on a failed step. */
  public static NoteRequest symptom(
      String rolloutId,
      StepRef step,
      String user,
      String text,
      List<Evidence> evidence,
      String idempotencyKey) {
    return new NoteRequest(
        rolloutId, Optional.of(step), user, text, evidence, idempotencyKey, Action.SYMPTOM);
  }

  /**
   * A note whose rollout is not known yet: a reply in some thread.
   *
   * @param fromAnotherTeam whether its author belongs to another workspace than the installing one
   *     (a shared channel's guest)
   */
  public record Draft(
      String user,
      String text,
      List<Evidence> evidence,
      String idempotencyKey,
      boolean fromAnotherTeam) {
    public Draft(String user, String text, List<Evidence> evidence, String idempotencyKey) {
      this(user, text, evidence, idempotencyKey, false);
    }

    public NoteRequest on(String rolloutId) {
      return new NoteRequest(
          rolloutId,
          Optional.empty(),
          user,
          text,
          evidence,
          idempotencyKey,
          Action.NOTE,
          fromAnotherTeam);
    }
  }

  /**
   * The key a reply in a thread is recorded under: its channel and message ts, so a retried
   * delivery is one note and the note can be found again from the message.
   */
  public static String replyKey(String channel, String messageTs) {
    return "reply:" + channel + ":" + messageTs;
  }

  /** A step of a rollout, by phase and position. */
  public record StepRef(Phase phase, int position) {}

  public NoteRequest {
    Objects.requireNonNull(rolloutId, "rolloutId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    if (kind != Action.NOTE && kind != Action.SYMPTOM) {
      throw new IllegalArgumentException("a note is a note or a symptom, not " + kind.label());
    }
    text = text == null ? "" : text.strip();
    evidence = List.copyOf(evidence);
  }
}
