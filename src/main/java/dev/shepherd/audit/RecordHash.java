package dev.shepherd.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash that links an acknowledgement into its chain: SHA-256 over the row's content, its place
 * in the chain and the previous link's hash. Every field is written with its length first, so no
 * two different rows can be made to read the same.
 */
public final class RecordHash {
  /** The "previous hash" of a chain's first link. */
  public static final String GENESIS = "0".repeat(64);

  private RecordHash() {}

  public static String of(String chainKey, long seq, String previous, Acknowledgement ack) {
    StringBuilder text = new StringBuilder("shepherd-acknowledgement-v1\n");
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

  private static void field(StringBuilder text, String value) {
    text.append(value.getBytes(StandardCharsets.UTF_8).length)
        .append(':')
        .append(value)
        .append('\n');
  }
}
