package dev.shepherd.rollout;

import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import java.util.Objects;
import java.util.Optional;

/**
 * A click: someone does something to a step of a rollout, or to the whole rollout (abort).
 *
 * @param phase and position name the step the button was drawn for; a button for a step that has
 *     moved on is refused as stale
 * @param idempotencyKey the click's id (Slack's action id and action_ts)
 * @param reason required to skip
 * @param drawn the {@link StepFingerprint} of the step as its button was drawn; empty when the
 *     click came from no drawing (the command line, a button drawn before fingerprints)
 */
public record ActionRequest(
    String rolloutId,
    Action action,
    Phase phase,
    int position,
    String user,
    String idempotencyKey,
    Optional<String> reason,
    Optional<String> drawn) {

  /** A click that carries no drawing of its step. */
  public ActionRequest(
      String rolloutId,
      Action action,
      Phase phase,
      int position,
      String user,
      String idempotencyKey,
      Optional<String> reason) {
    this(rolloutId, action, phase, position, user, idempotencyKey, reason, Optional.empty());
  }

  public ActionRequest {
    Objects.requireNonNull(rolloutId, "rolloutId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    reason = reason.map(String::strip).filter(r -> !r.isEmpty());
    Objects.requireNonNull(drawn, "drawn");
  }
}
