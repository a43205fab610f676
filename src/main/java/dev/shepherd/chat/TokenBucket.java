package dev.shepherd.chat;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket as a value, for an {@link CallAllowance} to keep where its processes share it (in
 * memory, or in a database row): how many calls are left, when that was counted, and the time
 * before which no call may go (a 429's {@code Retry-After}).
 */
public record TokenBucket(double tokens, Instant countedAt, Instant notBefore) {

  /** A full bucket, as after a long quiet spell. */
  public static TokenBucket full(CallAllowance.Rate rate, Instant now) {
    return new TokenBucket(rate.burst(), now, Instant.EPOCH);
  }

  /** The bucket after a take, and the wait: {@link Duration#ZERO} when a token was taken. */
  public record Taken(TokenBucket bucket, Duration waitFor) {
    public boolean granted() {
      return waitFor.isZero();
    }
  }

  /** Takes one token at {@code now}, or says how long until one is there. */
  public Taken take(CallAllowance.Rate rate, Instant now) {
    if (now.isBefore(notBefore)) {
      return new Taken(this, Duration.between(now, notBefore));
    }
    // A clock behind the one that counted last (another replica's) refills nothing, never less.
    Instant at = now.isAfter(countedAt) ? now : countedAt;
    double filled =
        Math.min(
            rate.burst(),
            tokens + Duration.between(countedAt, at).toNanos() / 1e9 * rate.perSecond());
    if (filled >= 1) {
      return new Taken(new TokenBucket(filled - 1, at, notBefore), Duration.ZERO);
    }
    long nanos = (long) Math.ceil((1 - filled) / rate.perSecond() * 1e9);
    return new Taken(new TokenBucket(filled, at, notBefore), Duration.ofNanos(Math.max(1, nanos)));
  }

  /**
   * After a 429: nothing before {@code until}, then one call, then the steady rate again (Slack's
   * own bucket is empty when it refuses, so a burst then would be refused too).
   */
  public TokenBucket holdUntil(Instant until) {
    Instant later = until.isAfter(notBefore) ? until : notBefore;
    return new TokenBucket(1, later, later);
  }

  /** Nothing before {@code until}; the tokens left are kept. */
  public TokenBucket keepApartUntil(Instant until) {
    return until.isAfter(notBefore) ? new TokenBucket(tokens, countedAt, until) : this;
  }
}
