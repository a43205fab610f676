package dev.shepherd.learning;

import static dev.shepherd.rollout.EngineFixture.ALICE;
import static dev.shepherd.rollout.EngineFixture.BOB;
import static dev.shepherd.rollout.EngineFixture.OPERATOR;
import static dev.shepherd.rollout.EngineFixture.PROD_LEAD;

import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.EngineFixture;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Walks real rollouts through {@link EngineFixture}'s engine with its clock moved by hand, so each
 * step takes exactly the minutes a test says. Approvals are given as the step is finished.
 */
final class TimedWalk {
  final EngineFixture engine;
  Rollout rollout;

  TimedWalk(EngineFixture engine, String partition) {
    this.engine = engine;
    this.rollout = engine.started(partition);
  }

  /** The current step takes {@code minutes}, then is done. */
  TimedWalk done(long minutes) {
    StepRun step = rollout.currentStep().orElseThrow();
    engine.clock.advance(Duration.ofMinutes(minutes));
    if (step.needsApproval() && !step.isApproved(rollout.approvalsNeeded())) {
      List<String> approvers = List.of(ALICE, BOB, PROD_LEAD);
      for (int i = 0; i < rollout.approvalsNeeded(); i++) {
        act(Action.APPROVE, step, approvers.get(i), Optional.empty());
      }
    }
    return act(Action.DONE, step, OPERATOR, Optional.empty());
  }

  /** Done on each step in turn, each taking the minutes given. */
  TimedWalk done(long... minutes) {
    for (long m : minutes) {
      done(m);
    }
    return this;
  }

  TimedWalk fail(long minutes, String symptom) {
    StepRun step = rollout.currentStep().orElseThrow();
    engine.clock.advance(Duration.ofMinutes(minutes));
    return act(Action.FAIL, step, OPERATOR, Optional.of(symptom));
  }

  TimedWalk retry(long minutes) {
    StepRun step = rollout.currentStep().orElseThrow();
    engine.clock.advance(Duration.ofMinutes(minutes));
    return act(Action.RETRY, step, OPERATOR, Optional.empty());
  }

  TimedWalk skip(long minutes, String reason) {
    StepRun step = rollout.currentStep().orElseThrow();
    engine.clock.advance(Duration.ofMinutes(minutes));
    return act(Action.SKIP, step, ALICE, Optional.of(reason));
  }

  TimedWalk rollback(long minutes) {
    StepRun step = rollout.currentStep().orElseThrow();
    engine.clock.advance(Duration.ofMinutes(minutes));
    return act(Action.ROLLBACK, step, OPERATOR, Optional.empty());
  }

  TimedWalk abort(long minutes) {
    engine.clock.advance(Duration.ofMinutes(minutes));
    rollout =
        EngineFixture.accepted(
            engine.act(
                rollout.id(), Action.ABORT, Phase.FORWARD, 1, OPERATOR, Optional.of("giving up")));
    return this;
  }

  private TimedWalk act(Action action, StepRun step, String user, Optional<String> reason) {
    rollout =
        EngineFixture.accepted(
            engine.act(rollout.id(), action, step.phase(), step.position(), user, reason));
    return this;
  }
}
