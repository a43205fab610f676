package dev.shepherd.learning.finding;

import java.time.Instant;
import java.util.Objects;

/**
 * Why a finding stopped being a risk: a later revision of the runbook covers it (its row or note is
 * there), or an approver dismissed it with a reason.
 *
 * @param by the dismissing user, or the covering revision's id
 */
public record FindingClosure(Kind kind, String by, String reason, Instant at) {
  public enum Kind {
    COVERED,
    DISMISSED
  }

  public FindingClosure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }
}
