package dev.shepherd.chat;

import java.time.Duration;
import java.time.Instant;

/**
 * The workspace's allowance of message updates ({@code chat.update}), shared by every process that
 * posts for it: Slack counts that tier per workspace, so two replicas pacing themselves apart would
 * each spend the whole of it. A refusal from Slack (a 429) closes the allowance for every process
 * until the time Slack named, so one refusal does not become one per worker. Thread-safe.
 */
public interface UpdateBudget {

  /**
   * Takes one update from the allowance: {@link Duration#ZERO} when taken, else how long until one
   * may be free (nothing is taken then; ask again after it).
   */
  Duration take(Instant now);

  /** Slack refused an update with a 429: no process updates before {@code until}. */
  void holdUntil(Instant until);

  /**
   * How many updates the allowance gives.
   *
   * @param perMinute the steady rate, below the tier's (Slack's tier 3 is about 50 a minute)
   * @param burst how many may go at once after a quiet spell (at least 1)
   */
  record Rate(double perMinute, int burst) {
    public Rate {
      if (!(perMinute > 0) || burst < 1) {
        throw new IllegalArgumentException(
            "an update rate needs a positive rate and a burst of at least 1, not "
                + perMinute
                + " a minute with a burst of "
                + burst);
      }
    }

    double perSecond() {
      return perMinute / 60;
    }
  }
}
