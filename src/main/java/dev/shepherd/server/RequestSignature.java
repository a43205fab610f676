package dev.shepherd.server;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature: {@code v0=} + hex HMAC-SHA256(signing secret, {@code
 * v0:{timestamp}:{raw body}}), the timestamp no more than {@link #WINDOW} away from now in either
 * direction, compared in constant time. Bolt's own verifier compares with {@code String.equals} and
 * takes any timestamp from the future; this one is used instead. Thread-safe.
 */
final class RequestSignature {
  /** How far a request's timestamp may be from now, before or after. */
  static final Duration WINDOW = Duration.ofMinutes(5);

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final Clock clock;

  RequestSignature(String signingSecret, Clock clock) {
    Objects.requireNonNull(signingSecret, "signingSecret");
    if (signingSecret.isEmpty()) {
      throw new IllegalArgumentException("signingSecret is empty");
    }
    this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Whether {@code signature} signs {@code body} at {@code timestamp} (seconds since the epoch),
   * and that timestamp is within the window. Null or malformed headers are simply invalid.
   */
  boolean isValid(String timestamp, byte[] body, String signature) {
    if (timestamp == null || signature == null || !isRecent(timestamp)) {
      return false;
    }
    byte[] expected = sign(timestamp, body).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
  }

  private boolean isRecent(String timestamp) {
    if (timestamp.isEmpty()
        || timestamp.length() > 12
        || !timestamp.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    long seconds = Long.parseLong(timestamp);
    long now = clock.millis() / 1000;
    return Math.abs(now - seconds) <= WINDOW.toSeconds();
  }

  private String sign(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
