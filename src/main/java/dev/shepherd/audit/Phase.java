package dev.shepherd.audit;

/** The steps of the runbook, or the rollback walk of the steps done so far (newest first). */
public enum Phase {
  FORWARD,
  ROLLBACK;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
