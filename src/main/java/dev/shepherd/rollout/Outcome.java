package dev.shepherd.rollout;

import dev.shepherd.audit.Acknowledgement;
import java.util.Optional;

/**
 * What came of a request: applied, seen before (the same idempotency key), or refused. Callers
 * switch over the three; none of them is an error.
 */
public sealed interface Outcome {
  /** The acknowledgement recorded for this request (or for its first sending). */
  Acknowledgement acknowledgement();

  /** The rollout as it is after the request; empty for partition-wide actions such as freeze. */
  Optional<Rollout> rollout();

  record Accepted(Optional<Rollout> rollout, Acknowledgement acknowledgement) implements Outcome {}

  /** The same idempotency key came again: nothing was done a second time. */
  record Duplicate(Optional<Rollout> rollout, Acknowledgement acknowledgement) implements Outcome {}

  record Refused(Refusal refusal, Optional<Rollout> rollout, Acknowledgement acknowledgement)
      implements Outcome {}
}
