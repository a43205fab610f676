package dev.shepherd.rollout;

import java.util.Locale;
import java.util.Objects;

/** Why an action was not applied: a value the caller shows, never an exception. */
public record Refusal(Reason reason, String message) {
  public enum Reason {
    UNKNOWN_RUNBOOK,
    UNKNOWN_PARTITION,
    NOT_APPLICABLE,
    WRONG_CHANNEL,
    FROZEN,
    NOT_FROZEN,
    CHOREOGRAPHY,
    CANARY,
    SOAKING,
    BLACKOUT,
    OUTSIDE_WINDOW,
    PARALLEL_LIMIT,
    ACTIVE_ROLLOUT,
    UNDEFINED_VARIABLE,
    UNSAFE_RUNBOOK,
    NOT_ALLOWED,
    GROUP_UNREADABLE,
    SELF_APPROVAL,
    ALREADY_APPROVED,
    NEEDS_APPROVAL,
    NO_APPROVAL_NEEDED,
    REASON_REQUIRED,
    STALE,
    /** The step's runbook or its rendering changed after the button was drawn. */
    CHANGED_SINCE_DRAWN,
    NOT_FOUND,
    INVALID_TIME,
    TOO_LONG
  }

  public Refusal {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  public String label() {
    return reason.name().toLowerCase(Locale.ROOT);
  }
}
