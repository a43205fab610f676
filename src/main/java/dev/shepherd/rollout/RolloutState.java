package dev.shepherd.rollout;

import java.util.Locale;

/**
 * Where a rollout is in its life: {@code scheduled → checklist → running → completed | aborted |
 * rolled_back}, with {@code rolling_back} while the rollback of the steps done so far is walked.
 */
public enum RolloutState {
  SCHEDULED,
  CHECKLIST,
  RUNNING,
  ROLLING_BACK,
  COMPLETED,
  ABORTED,
  ROLLED_BACK;

  /** Whether the rollout still holds its partition (at most one active rollout per partition). */
  public boolean isActive() {
    return this == SCHEDULED || this == CHECKLIST || this == RUNNING || this == ROLLING_BACK;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
