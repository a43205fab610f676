package dev.shepherd.chat;

import java.time.Duration;
import java.time.Instant;

/**
 * An allowance of one kind of Slack call, shared by every process that calls for the workspace: the
 * workspace's message updates ({@code chat.update}, counted per workspace), or the posts to one
 * channel (about one a second). Two replicas pacing themselves apart would each spend the whole of
 * it. A refusal from Slack (a 429) closes the allowance for every process until the time Slack
 * named, so one refusal does not become one per worker. Thread-safe.
 */
public interface CallAllowance {

  /**
   * Takes one call from the allowance: {@link Duration#ZERO} when taken, else how long until one
   * may be free (nothing is taken then; ask again after it).
   */
  Duration take(Instant now);

  /** Slack refused a call with a 429: no process makes it before {@code until}. */
  void holdUntil(Instant until);

  /**
   * A call's answer just came: the next, by any process, waits until {@code until} (the answer's
   * time plus the pace), so two calls never reach Slack closer than the pace however long the first
   * was on its way. What is left of the allowance is kept.
   */
  void keepApartUntil(Instant until);

  /**
   * How many calls the allowance gives.
   *
   * @param perMinute the steady rate, below the tier's (Slack's tier 3 is about 50 a minute)
   * @param burst how many may go at once after a quiet spell (at least 1)
   */
  record Rate(double perMinute, int burst) {
    public Rate {
      if (!(perMinute > 0) || burst < 1) {
        throw new IllegalArgumentException(
            "a call rate needs a positive rate and a burst of at least 1, not "
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
