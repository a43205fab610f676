package dev.shepherd.chat;

import dev.shepherd.audit.Phase;
import java.time.Duration;
import java.time.Instant;

/**
 * What the timers do when they fire, implemented by the chat adapter. Each event names only ids:
 * the rollout's state in the database decides at fire time whether anything is still to do. An
 * exception means "try again later".
 */
public interface TimedEvents {
  /** A reminder {@code before} T-0 of a scheduled rollout. */
  void remind(String rolloutId, Duration before) throws Exception;

  /** T-0 of a scheduled rollout. */
  void due(String rolloutId) throws Exception;

  /** A step posted at {@code postedAt} is still waiting: nudge in its thread, or escalate. */
  void stalled(String rolloutId, Phase phase, int position, Instant postedAt, boolean escalate)
      throws Exception;

  /**
   * The wave that rollout completed has soaked: tell the channel the next wave may start. Checked
   * again at fire time (see {@link SoakWatcher#due}).
   */
  void soaked(String rolloutId) throws Exception;
}
