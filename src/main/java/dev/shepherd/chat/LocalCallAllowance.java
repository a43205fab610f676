package dev.shepherd.chat;

import java.time.Duration;
import java.time.Instant;

/**
 * The update allowance of a process that posts alone (Shepherd on an H2 file, which one process
 * alone can open): the bucket is held in memory.
 */
public final class LocalCallAllowance implements CallAllowance {
  private final Rate rate;
  private TokenBucket bucket;

  public LocalCallAllowance(Rate rate, Instant now) {
    this.rate = rate;
    this.bucket = TokenBucket.full(rate, now);
  }

  @Override
  public synchronized Duration take(Instant now) {
    TokenBucket.Taken taken = bucket.take(rate, now);
    bucket = taken.bucket();
    return taken.waitFor();
  }

  @Override
  public synchronized void holdUntil(Instant until) {
    bucket = bucket.holdUntil(until);
  }

  @Override
  public synchronized void keepApartUntil(Instant until) {
    bucket = bucket.keepApartUntil(until);
  }
}
