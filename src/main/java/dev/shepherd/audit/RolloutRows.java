package dev.shepherd.audit;

import java.util.List;
import java.util.Optional;

/**
 * What the rollout tables say about one rollout, as the audit checks it against the record: who ran
 * it, where it is, each step's outcome and who gave it, and the digest of all of it that an
 * accepted acknowledgement carries.
 *
 * @param digest the digest of the rows as {@code StateDigest} makes it when they are written
 */
public record RolloutRows(
    String rolloutId, String operator, String state, String digest, List<StepRow> steps) {
  public RolloutRows {
    steps = List.copyOf(steps);
  }

  /** One row of {@code rollout_steps}: its outcome and who gave it. */
  public record StepRow(
      Phase phase,
      int position,
      String state,
      Optional<String> finishedBy,
      List<String> approvedBy) {
    public StepRow {
      approvedBy = List.copyOf(approvedBy);
    }
  }
}
