package dev.shepherd.rollout;

import dev.shepherd.audit.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of one rollout: what the runbook step was when the rollout started, and where it is now.
 * Immutable; transitions return a new value.
 *
 * @param phase forward, or the rollback walk
 * @param position 1-based within its phase
 * @param runbookStep the runbook step it comes from (1-based)
 * @param title the step's title, as rendered for the partition
 * @param needsApproval whether it must be approved before done
 * @param hasRollback whether the runbook step has a rollback section
 * @param approvedBy who approved it, in order
 * @param finishedBy who moved it to done, failed or skipped
 * @param reason why it was skipped, when it was
 */
public record StepRun(
    Phase phase,
    int position,
    int runbookStep,
    String title,
    boolean needsApproval,
    boolean hasRollback,
    StepState state,
    List<String> approvedBy,
    Optional<Instant> postedAt,
    Optional<Instant> finishedAt,
    Optional<String> finishedBy,
    Optional<String> reason) {

  public StepRun {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(state, "state");
    approvedBy = List.copyOf(approvedBy);
  }

  public static StepRun pending(
      Phase phase,
      int position,
      int runbookStep,
      String title,
      boolean needsApproval,
      boolean hasRollback) {
    return new StepRun(
        phase,
        position,
        runbookStep,
        title,
        needsApproval,
        hasRollback,
        StepState.PENDING,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Whether enough distinct approvers have approved it. */
  public boolean isApproved(int approvalsNeeded) {
    return !needsApproval || approvedBy.size() >= approvalsNeeded;
  }

  /** Whether an action on it is still possible: it is the step being worked on. */
  public boolean isOpen() {
    return state == StepState.POSTED || state == StepState.FAILED;
  }

  public StepRun posted(Instant at) {
    return new StepRun(
        phase,
        position,
        runbookStep,
        title,
        needsApproval,
        hasRollback,
        StepState.POSTED,
        List.of(),
        Optional.of(at),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public StepRun approvedBy(String user) {
    List<String> approvers = new ArrayList<>(approvedBy);
    approvers.add(user);
    return new StepRun(
        phase,
        position,
        runbookStep,
        title,
        needsApproval,
        hasRollback,
        state,
        approvers,
        postedAt,
        finishedAt,
        finishedBy,
        reason);
  }

  public StepRun finished(StepState outcome, String user, Instant at, Optional<String> why) {
    return new StepRun(
        phase,
        position,
        runbookStep,
        title,
        needsApproval,
        hasRollback,
        outcome,
        approvedBy,
        postedAt,
        Optional.of(at),
        Optional.of(user),
        why);
  }
}
