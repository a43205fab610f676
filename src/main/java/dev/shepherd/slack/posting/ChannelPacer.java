package dev.shepherd.slack.posting;

import dev.shepherd.chat.CallAllowance;
import dev.shepherd.chat.ChannelAllowances;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps posts to one channel to Slack's pace, about one message a second, so a fast rollout never
 * meets a 429 at all. Within a process, one post to a channel at a time; across replicas, the
 * channel's allowance they share. The next post keeps its distance from the last one's answer, not
 * from when it was sent: a post slowed on its way would otherwise reach Slack just before the next.
 * Waits in the caller's thread; thread-safe.
 */
public final class ChannelPacer {
  private final Duration interval;
  private final ChannelAllowances allowances;
  private final Map<String, ReentrantLock> turns = new ConcurrentHashMap<>();

  /** A pacer for one process alone. */
  public ChannelPacer(Duration interval) {
    this(interval, ChannelAllowances.local(interval, Instant.now()));
  }

  /** A pacer whose channel allowances are shared with other replicas. */
  public ChannelPacer(Duration interval, ChannelAllowances allowances) {
    this.interval = interval;
    this.allowances = allowances;
  }

  /**
   * Blocks until this channel may be posted to and takes the turn; the caller gives it back with
   * {@link #answered} however the post went.
   */
  void await(String channel) throws InterruptedException {
    ReentrantLock turn = turns.computeIfAbsent(channel, c -> new ReentrantLock(true));
    turn.lockInterruptibly();
    try {
      CallAllowance allowance = allowances.of(channel);
      for (Duration wait = allowance.take(Instant.now());
          !wait.isZero();
          wait = allowance.take(Instant.now())) {
        Thread.sleep(Math.max(1, wait.toMillis()));
      }
    } catch (InterruptedException | RuntimeException e) {
      turn.unlock();
      throw e;
    }
  }

  /** The post was answered, or failed: the next post to the channel waits the pace from now. */
  void answered(String channel) {
    ReentrantLock turn = turns.get(channel);
    try {
      if (!interval.isZero()) {
        allowances.of(channel).keepApartUntil(Instant.now().plus(interval));
      }
    } finally {
      if (turn != null && turn.isHeldByCurrentThread()) {
        turn.unlock();
      }
    }
  }

  /** Slack said to wait: no post to this channel, by any replica, before then. */
  void backOff(String channel, Duration wait) {
    allowances.of(channel).holdUntil(Instant.now().plus(wait));
  }
}
