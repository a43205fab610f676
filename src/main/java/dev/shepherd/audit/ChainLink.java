package dev.shepherd.audit;

import java.util.Optional;

/**
 * An acknowledgement as the audit sees it: the row, and its place in its chain as stored. A row
 * written before the chain existed (or put in behind Shepherd's back) has no link.
 */
public record ChainLink(Acknowledgement acknowledgement, Optional<Link> link) {
  /** Where a row says it sits: its chain, its number there, the hash before it and its own. */
  public record Link(String chainKey, long seq, String previousHash, String hash) {}

  /** Whether the row's content and place still give the hash it was stored with. */
  public boolean intact() {
    return link.map(
            l ->
                RecordHash.of(l.chainKey(), l.seq(), l.previousHash(), acknowledgement)
                    .equals(l.hash()))
        .orElse(false);
  }
}
