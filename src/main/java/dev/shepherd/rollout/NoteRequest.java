package dev.shepherd.rollout;

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
    String idempotencyKey) {

  /** A note whose rollout is not known yet: a reply in some thread. */
  public record Draft(String user, String text, List<Evidence> evidence, String idempotencyKey) {
    public NoteRequest on(String rolloutId) {
      return new NoteRequest(rolloutId, Optional.empty(), user, text, evidence, idempotencyKey);
    }
  }

  /** A step of a rollout, by phase and position. */
  public record StepRef(Phase phase, int position) {}

  public NoteRequest {
    Objects.requireNonNull(rolloutId, "rolloutId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    text = text == null ? "" : text.strip();
    evidence = List.copyOf(evidence);
  }
}
