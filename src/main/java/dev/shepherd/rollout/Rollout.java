package dev.shepherd.rollout;

import dev.shepherd.audit.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One run of one runbook revision on one partition, bound to one chat thread. Immutable: every
 * transition returns the next value, and the engine ({@code RolloutService}) stores it with its
 * acknowledgement in one transaction.
 *
 * @param approvers who may approve its steps, fixed at start ({@code AccessPolicy#approvers})
 * @param approvalsNeeded distinct approvers each approved step needs
 * @param warnings what the engine warned about at start, loudest first
 * @param version the number of accepted actions so far; the store uses it to refuse lost updates,
 *     and it always equals the count of the rollout's accepted acknowledgements
 */
public record Rollout(
    String id,
    RunbookRef runbook,
    String partition,
    String operator,
    ChatThread thread,
    RolloutState state,
    Instant createdAt,
    Optional<Instant> scheduledFor,
    Optional<Instant> startedAt,
    Optional<Instant> endedAt,
    Optional<ChoreographyOverride> override,
    List<String> warnings,
    List<String> approvers,
    int approvalsNeeded,
    List<StepRun> steps,
    List<StepRun> rollbackSteps,
    int version) {

  public Rollout {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(runbook, "runbook");
    Objects.requireNonNull(state, "state");
    warnings = List.copyOf(warnings);
    approvers = List.copyOf(approvers);
    steps = List.copyOf(steps);
    rollbackSteps = List.copyOf(rollbackSteps);
  }

  /** The phase being walked: rollback while rolling back (or rolled back), else forward. */
  public Phase phase() {
    return state == RolloutState.ROLLING_BACK || state == RolloutState.ROLLED_BACK
        ? Phase.ROLLBACK
        : Phase.FORWARD;
  }

  public List<StepRun> steps(Phase phase) {
    return phase == Phase.FORWARD ? steps : rollbackSteps;
  }

  public Optional<StepRun> step(Phase phase, int position) {
    List<StepRun> list = steps(phase);
    return position >= 1 && position <= list.size()
        ? Optional.of(list.get(position - 1))
        : Optional.empty();
  }

  /** The step being worked on (posted or failed), if the rollout is active. */
  /** Whether it waits for its T-0 (scheduled) or for its Start click (checklist). */
  public boolean waitingToStart() {
    return state == RolloutState.SCHEDULED || state == RolloutState.CHECKLIST;
  }

  public Optional<StepRun> currentStep() {
    if (!state.isActive()) {
      return Optional.empty();
    }
    return steps(phase()).stream().filter(StepRun::isOpen).findFirst();
  }

  public boolean isApprover(String user) {
    return approvers.contains(user);
  }

  /** Everyone who approved any step, in order of first approval. */
  public Set<String> approvedBy() {
    Set<String> users = new LinkedHashSet<>();
    steps.forEach(s -> users.addAll(s.approvedBy()));
    rollbackSteps.forEach(s -> users.addAll(s.approvedBy()));
    return users;
  }

  public Rollout withState(RolloutState next, Instant at) {
    Optional<Instant> ended = next.isActive() ? endedAt : Optional.of(at);
    Optional<Instant> started =
        next == RolloutState.RUNNING && startedAt.isEmpty() ? Optional.of(at) : startedAt;
    return new Rollout(
        id,
        runbook,
        partition,
        operator,
        thread,
        next,
        createdAt,
        scheduledFor,
        started,
        ended,
        override,
        warnings,
        approvers,
        approvalsNeeded,
        steps,
        rollbackSteps,
        version);
  }

  public Rollout withStep(StepRun step) {
    List<StepRun> forward = new ArrayList<>(steps);
    List<StepRun> back = new ArrayList<>(rollbackSteps);
    (step.phase() == Phase.FORWARD ? forward : back).set(step.position() - 1, step);
    return new Rollout(
        id,
        runbook,
        partition,
        operator,
        thread,
        state,
        createdAt,
        scheduledFor,
        startedAt,
        endedAt,
        override,
        warnings,
        approvers,
        approvalsNeeded,
        forward,
        back,
        version);
  }

  public Rollout withRollbackSteps(List<StepRun> walk) {
    return new Rollout(
        id,
        runbook,
        partition,
        operator,
        thread,
        state,
        createdAt,
        scheduledFor,
        startedAt,
        endedAt,
        override,
        warnings,
        approvers,
        approvalsNeeded,
        steps,
        walk,
        version);
  }

  /** The next version: one accepted action happened. */
  public Rollout bumped() {
    return new Rollout(
        id,
        runbook,
        partition,
        operator,
        thread,
        state,
        createdAt,
        scheduledFor,
        startedAt,
        endedAt,
        override,
        warnings,
        approvers,
        approvalsNeeded,
        steps,
        rollbackSteps,
        version + 1);
  }

  public Rollout withWarnings(List<String> shown) {
    return new Rollout(
        id,
        runbook,
        partition,
        operator,
        thread,
        state,
        createdAt,
        scheduledFor,
        startedAt,
        endedAt,
        override,
        shown,
        approvers,
        approvalsNeeded,
        steps,
        rollbackSteps,
        version);
  }

  public Rollout withThread(ChatThread bound) {
    return new Rollout(
        id,
        runbook,
        partition,
        operator,
        bound,
        state,
        createdAt,
        scheduledFor,
        startedAt,
        endedAt,
        override,
        warnings,
        approvers,
        approvalsNeeded,
        steps,
        rollbackSteps,
        version);
  }
}
