package dev.shepherd.rollout;

import dev.shepherd.audit.Action;
import java.util.Objects;

/**
 * What is said about a rollout after the fact, recorded in its trail even once it ended: what fixed
 * a step that failed and was then done ({@link Action#RESOLVE}, at that step), or why a finding no
 * longer matters ({@link Action#DISMISS}, on the rollout).
 *
 * @param position the step's forward position for a resolve; 0 for a dismissal
 * @param detail the encoded resolution or dismissal (see the learning package's values)
 */
public record AfterTheFactRequest(
    String rolloutId,
    Action kind,
    int position,
    String user,
    String detail,
    String idempotencyKey) {
  public AfterTheFactRequest {
    Objects.requireNonNull(rolloutId, "rolloutId");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    if (kind != Action.RESOLVE && kind != Action.DISMISS) {
      throw new IllegalArgumentException(
          "hindsight is a resolve or a dismissal, not " + kind.label());
    }
  }
}
