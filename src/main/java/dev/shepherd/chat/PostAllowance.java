package dev.shepherd.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The allowance of posts to each channel: Slack takes about one message a second per channel,
 * counted for the app whichever replica posts. Each channel's is made on first use and kept.
 */
public final class PostAllowance {
  private final Function<String, CallAllowance> make;
  private final Map<String, CallAllowance> byChannel = new ConcurrentHashMap<>();

  /**
   * @param make the allowance of one channel, from its id
   */
  public PostAllowance(Function<String, CallAllowance> make) {
    this.make = make;
  }

  /** Allowances a process keeps in memory: one post per {@code interval} to each channel. */
  public static PostAllowance local(Duration interval) {
    if (interval.isZero()) {
      return new PostAllowance(channel -> UNPACED);
    }
    CallAllowance.Rate rate = perInterval(interval);
    return new PostAllowance(channel -> new LocalCallAllowance(rate, Instant.now()));
  }

  /** One post per {@code interval}, no burst: Slack's per-channel limit allows little more. */
  public static CallAllowance.Rate perInterval(Duration interval) {
    return new CallAllowance.Rate(60_000.0 / Math.max(1, interval.toMillis()), 1);
  }

  public CallAllowance of(String channel) {
    return byChannel.computeIfAbsent(channel, make);
  }

  /** An allowance that never waits (posting unpaced, as tests against a fake Slack may). */
  private static final CallAllowance UNPACED =
      new CallAllowance() {
        @Override
        public Duration take(Instant now) {
          return Duration.ZERO;
        }

        @Override
        public void holdUntil(Instant until) {}

        @Override
        public void keepApartUntil(Instant until) {}
      };
}
