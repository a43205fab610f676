package dev.shepherd.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What the HTTP edge allows a request before anyone knows who sent it: Slack's payloads are small
 * and arrive at once, so a request that is large, slow or one of too many being read is refused
 * early instead of holding a thread.
 *
 * @param maxHeaderBytes the request line and headers together; larger is refused 431
 * @param maxBodyBytes a body of {@code /slack/events}; larger is refused 413
 * @param bodyIdleTimeout how long the body may send nothing; then 408
 * @param minBodyBytesPerSecond the slowest a body may arrive once {@code rateGrace} has passed
 * @param rateGrace how long a body may take before its rate is checked
 * @param bodyDeadline how long a whole body may take to arrive; then 408
 * @param maxUnverifiedReads how many bodies of {@code /slack/events} are read at once before their
 *     signature can be checked; one more is refused 503
 */
record HttpLimits(
    int maxHeaderBytes,
    int maxBodyBytes,
    Duration bodyIdleTimeout,
    long minBodyBytesPerSecond,
    Duration rateGrace,
    Duration bodyDeadline,
    int maxUnverifiedReads) {

  /** What {@code serve} runs with. */
  static final HttpLimits DEFAULT =
      new HttpLimits(
          8 * 1024,
          1024 * 1024,
          Duration.ofSeconds(5),
          1024,
          Duration.ofSeconds(1),
          Duration.ofSeconds(10),
          256);

  HttpLimits {
    Objects.requireNonNull(bodyIdleTimeout, "bodyIdleTimeout");
    Objects.requireNonNull(rateGrace, "rateGrace");
    Objects.requireNonNull(bodyDeadline, "bodyDeadline");
    if (maxHeaderBytes <= 0 || maxBodyBytes <= 0 || maxUnverifiedReads <= 0) {
      throw new IllegalArgumentException("HTTP limits must be positive: " + maxHeaderBytes);
    }
  }
}
