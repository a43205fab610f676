package dev.shepherd.slack.posting;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps posts to one channel to Slack's pace, about one message a second, so a fast rollout never
 * meets a 429 at all. Waits in the caller's thread; thread-safe.
 */
public final class ChannelPacer {
  private final long intervalNanos;
  private final Map<String, Long> nextSlot = new HashMap<>();

  public ChannelPacer(Duration interval) {
    this.intervalNanos = interval.toNanos();
  }

  /** Blocks until this channel may be posted to, and books the slot. */
  void await(String channel) throws InterruptedException {
    long slot;
    synchronized (this) {
      long now = System.nanoTime();
      slot = Math.max(now, nextSlot.getOrDefault(channel, now));
      nextSlot.put(channel, slot + intervalNanos);
    }
    long wait = slot - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  /** Slack said to wait: no post to this channel before then. */
  synchronized void backOff(String channel, Duration wait) {
    long until = System.nanoTime() + wait.toNanos();
    nextSlot.merge(channel, until, Math::max);
  }
}
