package dev.shepherd.audit;

import java.util.List;

/**
 * What {@code audit verify} found: how much it checked, and for each chain that no longer holds,
 * the first row that shows it.
 */
public record AuditReport(long chains, long rows, long beforeChain, List<Tampering> problems) {
  public AuditReport {
    problems = List.copyOf(problems);
  }

  /** One chain's first sign of change. */
  public record Tampering(Kind kind, String chainKey, long acknowledgementId, String message) {}

  public enum Kind {
    EDITED,
    DELETED,
    INSERTED
  }

  public boolean clean() {
    return problems.isEmpty();
  }
}
