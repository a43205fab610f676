package dev.shepherd.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash that links an acknowledgement into its chain, over the row's content as stored, its
 * place in the chain and the previous link's hash. Every field is written with its length first, so
 * no two different rows can be made to read the same.
 *
 * <p>Version 2 ({@link #keyed}) is an HMAC-SHA256 under an {@link AuditKey} held outside the
 * database, and covers the version and the key's id, so neither can be rewritten to another without
 * the key. Version 1 ({@link #of}) is plain SHA-256: anyone holding the database can recompute it;
 * it is kept to check rows written before the key.
 */
public final class RecordHash {
  /** The "previous hash" of a chain's first link. */
  public static final String GENESIS = "0".repeat(64);

  /** The version of links written now. */
  public static final int KEYED = 2;

  private RecordHash() {}

  /** Version 1: SHA-256 with no secret, for the rows written before the key. */
  public static String of(String chainKey, long seq, String previous, Acknowledgement ack) {
    StringBuilder text = new StringBuilder("shepherd-acknowledgement-v1\n");
    content(text, chainKey, seq, previous, ack);
    for (Evidence evidence : ack.evidence()) {
      field(text, evidence.kind().name());
      field(text, evidence.name());
      field(text, evidence.url());
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Version 2: HMAC-SHA256 under {@code key} over the version, the key's id, the row's place, its
   * content with its evidence exactly as stored ({@link Evidence#encode}), and the digest of the
   * rollout's state the row left (empty when it left none).
   */
  public static String keyed(
      AuditKey key,
      String chainKey,
      long seq,
      String previous,
      Acknowledgement ack,
      String stateDigest) {
    StringBuilder text = new StringBuilder("shepherd-acknowledgement-v2\n");
    field(text, key.id());
    content(text, chainKey, seq, previous, ack);
    field(text, Evidence.encode(ack.evidence()));
    field(text, stateDigest);
    return key.sign(text.toString());
  }

  private static void content(
      StringBuilder text, String chainKey, long seq, String previous, Acknowledgement ack) {
    field(text, chainKey);
    field(text, Long.toString(seq));
    field(text, previous);
    field(text, ack.rolloutId().orElse(""));
    field(text, ack.partition());
    field(text, ack.phase().map(Phase::label).orElse(""));
    field(text, ack.position().map(String::valueOf).orElse(""));
    field(text, ack.action().label());
    field(text, ack.user());
    field(text, Long.toString(ack.at().toEpochMilli()));
    field(text, ack.idempotencyKey().orElse(""));
    field(text, Boolean.toString(ack.accepted()));
    field(text, ack.detail());
  }

  static void field(StringBuilder text, String value) {
    text.append(value.getBytes(StandardCharsets.UTF_8).length)
        .append(':')
        .append(value)
        .append('\n');
  }
}
