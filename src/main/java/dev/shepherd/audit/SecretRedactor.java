package dev.shepherd.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what looks like a secret in text a person wrote for the record (a pasted Slack token, an
 * AWS key, a private key block, a bearer token, a {@code password=…}) and replaces each with {@code
 * [redacted <kind> sha256:<16 hex>]}: the record never holds the secret, and whoever has the
 * original can still tell it was that one by its hash. Every pattern is bounded, so hostile text
 * costs linear time.
 */
public final class SecretRedactor {
  private record Kind(String name, Pattern pattern) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind(
              "private key",
              Pattern.compile(
                  "-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[\\s\\S]{0,20000}?-----END [A-Z"
                      + " ]{0,40}PRIVATE KEY-----")),
          new Kind("slack token", Pattern.compile("\\bx(?:ox[abposre]|app)-[A-Za-z0-9-]{10,300}")),
          new Kind("aws access key", Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b")),
          new Kind("github token", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,255}\\b")),
          new Kind(
              "bearer token",
              Pattern.compile("(?i)(?<=\\bbearer\\s{1,5})[A-Za-z0-9._~+/-]{16,2000}=*")),
          new Kind(
              "secret value",
              Pattern.compile(
                  "(?i)(?<=\\b(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key"
                      + "|aws_secret_access_key)\\s{0,3}[=:]\\s{0,3}[\"']?)[^\\s\"']{8,500}")));

  private SecretRedactor() {}

  /** {@code text} with every secret-looking part replaced by its redaction. */
  public static String redact(String text) {
    Objects.requireNonNull(text, "text");
    String out = text;
    for (Kind kind : KINDS) {
      Matcher matcher = kind.pattern().matcher(out);
      StringBuilder replaced = new StringBuilder(out.length());
      boolean any = false;
      while (matcher.find()) {
        any = true;
        matcher.appendReplacement(
            replaced,
            Matcher.quoteReplacement(
                "[redacted " + kind.name() + " sha256:" + hash(matcher.group()) + "]"));
      }
      if (any) {
        matcher.appendTail(replaced);
        out = replaced.toString();
      }
    }
    return out;
  }

  /** Whether {@link #redact} would change {@code text}. */
  public static boolean hasSecret(String text) {
    return !redact(text).equals(text);
  }

  /** The first 16 hex digits of the SHA-256 of {@code secret}. */
  public static String hash(String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
