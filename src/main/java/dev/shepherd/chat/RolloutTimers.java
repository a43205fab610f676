package dev.shepherd.chat;

import dev.shepherd.rollout.Rollout;
import java.time.Duration;
import java.util.List;

/**
 * The timers a rollout needs (reminders and T-0 while scheduled, a nudge and an escalation while a
 * step waits), kept by the scheduling adapter. Calling {@link #watch} again with the same state
 * adds nothing; timers left over from an earlier state check the rollout when they fire.
 */
public interface RolloutTimers {
  void watch(Rollout rollout);

  /**
   * How long before T-0 a scheduled rollout is reminded (the runbook's offsets or the config's).
   */
  default List<Duration> reminders(Rollout rollout) {
    return List.of();
  }

  /** No timers at all (for tests and tools that schedule nothing). */
  RolloutTimers NONE = rollout -> {};
}
