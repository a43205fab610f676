package dev.shepherd.audit;

import java.util.Optional;

/**
 * An acknowledgement as the audit sees it: the row, and its place in its chain as stored. A row
 * written before the chain existed (or put in behind Shepherd's back) has no link.
 */
public record ChainLink(Acknowledgement acknowledgement, Optional<Link> link) {
  /**
   * Where a row says it sits: its chain, its number there, the hash before it and its own, and how
   * that hash was made.
   *
   * @param version {@link RecordHash#KEYED}, or 1 for a row hashed before the key
   * @param keyId the key that signed it, empty for version 1
   * @param stateDigest the digest of its rollout's state the row left, empty when none
   */
  public record Link(
      String chainKey,
      long seq,
      String previousHash,
      String hash,
      int version,
      String keyId,
      String stateDigest) {
    public boolean keyed() {
      return version == RecordHash.KEYED;
    }
  }

  /** What checking a row's hash found. */
  public enum Check {
    INTACT,
    CHANGED,
    /** Signed by a key the verifier was not given. */
    UNKNOWN_KEY
  }

  /** Whether the row's content and place still give the hash it was stored with. */
  public Check check(AuditKeys keys) {
    if (link.isEmpty()) {
      return Check.CHANGED;
    }
    Link l = link.get();
    if (!l.keyed()) {
      return RecordHash.of(l.chainKey(), l.seq(), l.previousHash(), acknowledgement)
              .equals(l.hash())
          ? Check.INTACT
          : Check.CHANGED;
    }
    Optional<AuditKey> key = keys.byId(l.keyId());
    if (key.isEmpty()) {
      return Check.UNKNOWN_KEY;
    }
    return RecordHash.keyed(
                key.get(),
                l.chainKey(),
                l.seq(),
                l.previousHash(),
                acknowledgement,
                l.stateDigest())
            .equals(l.hash())
        ? Check.INTACT
        : Check.CHANGED;
  }
}
