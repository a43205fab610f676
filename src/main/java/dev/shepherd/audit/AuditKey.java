package dev.shepherd.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret that signs the record's links (HMAC-SHA256), held outside the database. Its id is
 * derived from the secret, so a row names the key that signed it without saying anything about the
 * secret, and a rotated key needs no id chosen by hand. Immutable and thread-safe.
 */
public final class AuditKey {
  /** Shorter secrets are refused: an HMAC is only as strong as its key. */
  public static final int MINIMUM_LENGTH = 32;

  private final String id;
  private final SecretKeySpec secret;

  /** Making a Mac costs more than using one: a check signs every row, so each thread keeps one. */
  private final ThreadLocal<Mac> macs;

  private AuditKey(String id, SecretKeySpec secret) {
    this.id = id;
    this.secret = secret;
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(secret);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  /**
   * A key from its secret text.
   *
   * @throws IllegalArgumentException when the secret is shorter than {@link #MINIMUM_LENGTH}
   */
  public static AuditKey of(String secretText) {
    Objects.requireNonNull(secretText, "secretText");
    String text = secretText.strip();
    if (text.length() < MINIMUM_LENGTH) {
      throw new IllegalArgumentException(
          "an audit key must be at least "
              + MINIMUM_LENGTH
              + " characters (it has "
              + text.length()
              + "): generate one with `openssl rand -base64 32`");
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new AuditKey(idOf(bytes), new SecretKeySpec(bytes, "HmacSHA256"));
  }

  /** What a row stores to name this key: 12 hex digits of a hash of the secret. */
  public String id() {
    return id;
  }

  /** HMAC-SHA256 of the text under this key, in hex. */
  public String sign(String text) {
    // doFinal resets the Mac for the next text.
    return HexFormat.of().formatHex(macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String idOf(byte[] secret) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("shepherd-audit-key-id\n".getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(secret)).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "AuditKey[" + id + "]";
  }
}
