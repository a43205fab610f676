package dev.shepherd.audit;

import java.util.Locale;

/** The steps of the runbook, or the rollback walk of the steps done so far (newest first). */
public enum Phase {
  FORWARD,
  ROLLBACK;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
