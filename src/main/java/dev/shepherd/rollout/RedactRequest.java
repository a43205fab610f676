package dev.shepherd.rollout;

import dev.shepherd.audit.Action;
import java.util.Objects;

/**
 * A note to take off what the record shows ({@link Action#REDACT}): the acknowledgement it
 * supersedes, on any rollout, ended or not, and why.
 *
 * @param target the id of the note, symptom, fix or outsider's note to redact, as the export
 *     numbers it
 * @param idempotencyKey the modal's or the command's id: a request sent twice is recorded once
 */
public record RedactRequest(
    String rolloutId, long target, String user, String reason, String idempotencyKey) {
  public RedactRequest {
    Objects.requireNonNull(rolloutId, "rolloutId");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    reason = reason == null ? "" : reason.strip();
  }
}
