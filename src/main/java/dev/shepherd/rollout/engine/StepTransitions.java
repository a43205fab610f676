package dev.shepherd.rollout.engine;

import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.ActionRequest;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The state machine: what an accepted action does to a rollout. Rules were checked before. */
final class StepTransitions {
  private StepTransitions() {}

  static Rollout apply(Rollout rollout, ActionRequest request, Instant now) {
    if (request.action() == Action.ABORT) {
      return rollout.withState(RolloutState.ABORTED, now);
    }
    StepRun step = rollout.step(request.phase(), request.position()).orElseThrow();
    String user = request.user();
    return switch (request.action()) {
      case APPROVE -> rollout.withStep(step.approvedBy(user));
      case DONE ->
          advance(
              rollout.withStep(step.finished(StepState.DONE, user, now, Optional.empty())), now);
      case SKIP ->
          advance(
              rollout.withStep(step.finished(StepState.SKIPPED, user, now, request.reason())), now);
      case FAIL -> rollout.withStep(step.finished(StepState.FAILED, user, now, request.reason()));
      case RETRY -> rollout.withStep(step.posted(now));
      case ROLLBACK -> beginRollback(rollout, step, now);
      default -> throw new IllegalArgumentException(request.action() + " is not a step action");
    };
  }

  /** Posts the next pending step of the current phase, or ends the rollout when none is left. */
  static Rollout advance(Rollout rollout, Instant now) {
    for (StepRun next : rollout.steps(rollout.phase())) {
      if (next.state() == StepState.PENDING) {
        return rollout.withStep(next.posted(now));
      }
    }
    return rollout.withState(
        rollout.phase() == Phase.FORWARD ? RolloutState.COMPLETED : RolloutState.ROLLED_BACK, now);
  }

  /**
   * Walks back the failed step (it may have half-applied) and then the steps done so far, newest
   * first; steps with no rollback section have nothing to walk.
   */
  private static Rollout beginRollback(Rollout rollout, StepRun failed, Instant now) {
    List<StepRun> walk = new ArrayList<>();
    List<StepRun> candidates = new ArrayList<>();
    candidates.add(failed);
    for (int i = failed.position() - 2; i >= 0; i--) {
      StepRun earlier = rollout.steps().get(i);
      if (earlier.state() == StepState.DONE) {
        candidates.add(earlier);
      }
    }
    for (StepRun step : candidates) {
      if (step.hasRollback()) {
        walk.add(
            StepRun.pending(
                Phase.ROLLBACK,
                walk.size() + 1,
                step.runbookStep(),
                step.title(),
                step.needsApproval(),
                false));
      }
    }
    Rollout rolling = rollout.withRollbackSteps(walk).withState(RolloutState.ROLLING_BACK, now);
    return advance(rolling, now);
  }
}
