package dev.shepherd.rollout;

/** Everything that can be done to a rollout, each one recorded as an acknowledgement. */
public enum Action {
  START,
  DONE,
  APPROVE,
  FAIL,
  SKIP,
  RETRY,
  ROLLBACK,
  ABORT,
  FREEZE,
  UNFREEZE;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether this action is aimed at one step (and so can be stale). */
  public boolean targetsStep() {
    return this == DONE || this == APPROVE || this == FAIL || this == SKIP || this == RETRY
        || this == ROLLBACK;
  }
}
