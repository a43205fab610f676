package dev.shepherd.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the keyed record begins, signed with the key: the rows written before it (by a Shepherd
 * that had no key, or before the chain) are exactly {@code rows} rows up to acknowledgement {@code
 * throughId}, whose content digests to {@code digest}. Every row after it must be a keyed link, so
 * raising a "chain start" or slipping an unkeyed row in among the old ones shows: the start is
 * covered by the key, not by a writable table.
 *
 * @param keyId the key that signed it
 * @param signature HMAC-SHA256 of the rest under that key
 */
public record KeyedStart(long throughId, long rows, String digest, String keyId, String signature) {
  /** The start signed with {@code key}. */
  public static KeyedStart signed(AuditKey key, long throughId, long rows, String digest) {
    return new KeyedStart(
        throughId, rows, digest, key.id(), key.sign(text(throughId, rows, digest)));
  }

  /** Whether its signature holds under the key it names; false for a key not among {@code keys}. */
  public boolean holds(AuditKeys keys) {
    return keys.byId(keyId)
        .map(key -> key.sign(text(throughId, rows, digest)).equals(signature))
        .orElse(false);
  }

  private static String text(long throughId, long rows, String digest) {
    StringBuilder text = new StringBuilder("shepherd-keyed-start-v" + RecordHash.KEYED + "\n");
    RecordHash.field(text, Long.toString(throughId));
    RecordHash.field(text, Long.toString(rows));
    RecordHash.field(text, digest);
    return text.toString();
  }

  /**
   * The digest of the rows before the key, fed one row at a time in id order: each row's id, its
   * content (as the first hash covers it) and its link as stored.
   */
  public static final class Digest {
    private final MessageDigest sha;
    private long rows;

    public Digest() {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }

    public void add(ChainLink row) {
      rows++;
      StringBuilder text = new StringBuilder();
      Acknowledgement ack = row.acknowledgement();
      RecordHash.field(text, Long.toString(ack.id()));
      RecordHash.field(
          text,
          row.link()
              .map(l -> l.chainKey() + "\n" + l.seq() + "\n" + l.previousHash() + "\n" + l.hash())
              .orElse(""));
      RecordHash.field(text, RecordHash.of("", 0, "", ack));
      sha.update(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    public long rows() {
      return rows;
    }

    public String hex() {
      return HexFormat.of().formatHex(sha.digest());
    }
  }
}
