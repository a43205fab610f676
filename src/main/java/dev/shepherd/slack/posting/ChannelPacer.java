package dev.shepherd.slack.posting;

import dev.shepherd.chat.CallAllowance;
import dev.shepherd.chat.PostAllowance;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps posts to one channel to Slack's pace, about one message a second, so a fast rollout never
 * meets a 429 at all. Within a process, one post to a channel at a time; across replicas, the
 * channel's allowance they share. The next post keeps its distance from the last one's answer, not
 * from when it was sent: a post slowed on its way would otherwise reach Slack just before the next.
 * Waits in the caller's thread; thread-safe.
 */
public final class ChannelPacer {
  private static final Logger log = LoggerFactory.getLogger(ChannelPacer.class);

  private final Duration interval;
  private final PostAllowance allowance;
  private final Clock clock;
  private final Map<String, ReentrantLock> turns = new ConcurrentHashMap<>();

  /** A pacer for one process alone. */
  public ChannelPacer(Duration interval) {
    this(interval, PostAllowance.local(interval));
  }

  /**
   * A pacer whose channel allowances may be shared with other replicas. It keeps Slack's time: the
   * wall clock, whatever clock the rollouts run on.
   */
  public ChannelPacer(Duration interval, PostAllowance allowance) {
    this.interval = interval;
    this.allowance = allowance;
    this.clock = Clock.systemUTC();
  }

  /**
   * Blocks until this channel may be posted to and takes the turn; the caller gives it back with
   * {@link #answered} however the post went.
   */
  void await(String channel) throws InterruptedException {
    ReentrantLock turn = turns.computeIfAbsent(channel, c -> new ReentrantLock(true));
    turn.lockInterruptibly();
    boolean taken = false;
    try {
      CallAllowance channelAllowance = allowance.of(channel);
      for (Duration wait = channelAllowance.take(clock.instant());
          !wait.isZero();
          wait = channelAllowance.take(clock.instant())) {
        Thread.sleep(Math.max(1, wait.toMillis()));
      }
      taken = true;
    } finally {
      if (!taken) {
        turn.unlock();
      }
    }
  }

  /**
   * The post was answered, or failed: the next post to the channel waits the pace from now. The
   * turn is given back whatever happens: a post Slack took must not fail for its bookkeeping.
   */
  void answered(String channel) {
    try {
      if (!interval.isZero()) {
        allowance.of(channel).keepApartUntil(clock.instant().plus(interval));
      }
    } catch (RuntimeException e) {
      log.warn(
          "could not keep the next post to {} apart (the next may meet a 429): {}",
          channel,
          e.toString());
    } finally {
      ReentrantLock turn = turns.get(channel);
      if (turn != null && turn.isHeldByCurrentThread()) {
        turn.unlock();
      }
    }
  }

  /** Slack said to wait: no post to this channel, by any replica, before then. */
  void backOff(String channel, Duration wait) {
    try {
      allowance.of(channel).holdUntil(clock.instant().plus(wait));
    } catch (RuntimeException e) {
      log.warn("could not hold posts to {} for Slack's Retry-After: {}", channel, e.toString());
    }
  }
}
