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

  /**
   * Why nothing was done, in words: a refusal's message, or for a duplicate whose first sending was
   * refused, that refusal as it was recorded (its acknowledgement's detail). Empty when the request
   * was applied, now or the first time. A request sent again after a refusal (the same form
   * submitted twice, a command Slack retried) is answered as refused, never as done.
   */
  default Optional<String> refusalMessage() {
    if (this instanceof Refused refused) {
      return Optional.of(refused.refusal().message());
    }
    return acknowledgement().accepted()
        ? Optional.empty()
        : Optional.of(acknowledgement().detail());
  }

  record Accepted(Optional<Rollout> rollout, Acknowledgement acknowledgement) implements Outcome {}

  /** The same idempotency key came again: nothing was done a second time. */
  record Duplicate(Optional<Rollout> rollout, Acknowledgement acknowledgement) implements Outcome {}

  record Refused(Refusal refusal, Optional<Rollout> rollout, Acknowledgement acknowledgement)
      implements Outcome {}
}
