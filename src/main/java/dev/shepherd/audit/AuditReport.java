package dev.shepherd.audit;

import java.util.List;

/**
 * What {@code audit verify} found: how much it checked, and for each chain or rollout that no
 * longer holds, the first row that shows it.
 *
 * @param beforeKey rows written before the key (unkeyed, version 1, or before the chain), held by
 *     the keyed start's digest when there is one
 * @param unkeyedOnly whether no keyed Shepherd ever wrote here: then the old rows are only
 *     reported, as nothing signed says where the record began
 */
public record AuditReport(
    long chains, long rows, long beforeKey, boolean unkeyedOnly, List<Tampering> problems) {
  public AuditReport {
    problems = List.copyOf(problems);
  }

  /** One chain's first sign of change. */
  public record Tampering(Kind kind, String chainKey, long acknowledgementId, String message) {}

  public enum Kind {
    EDITED,
    DELETED,
    INSERTED,
    /** A row of {@code rollouts} or {@code rollout_steps} that the record does not bear out. */
    REWRITTEN,
    /** Signed by a key the verifier was not given: it cannot say whether it holds. */
    UNVERIFIABLE
  }

  public boolean clean() {
    return problems.isEmpty();
  }
}
