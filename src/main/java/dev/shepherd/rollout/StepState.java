package dev.shepherd.rollout;

import java.util.Locale;

/** A step's life: {@code pending → posted → done | failed | skipped}; failed may be retried. */
public enum StepState {
  PENDING,
  POSTED,
  DONE,
  FAILED,
  SKIPPED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
