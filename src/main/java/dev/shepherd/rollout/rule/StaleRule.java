package dev.shepherd.rollout.rule;

import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.format.Times;
import dev.shepherd.rollout.ActionRequest;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import java.util.Optional;

/**
 * A click must be for the step being worked on, in a state where the action makes sense. A button
 * left on a step that has moved on changes nothing.
 */
public final class StaleRule implements ActionRule {
  @Override
  public Optional<Refusal> check(Rollout rollout, ActionRequest request) {
    if (!rollout.state().isActive()) {
      return stale(
          "this rollout is " + rollout.state().label() + "; nothing more can be done to it");
    }
    if (request.action() == Action.ABORT) {
      return Optional.empty();
    }
    Optional<StepRun> target = rollout.step(request.phase(), request.position());
    if (target.isEmpty()) {
      return stale("there is no " + request.phase().label() + " step " + request.position());
    }
    StepRun step = target.get();
    if (request.phase() != rollout.phase() || !step.isOpen()) {
      return stale(
          "step "
              + step.position()
              + " ("
              + step.title()
              + ") is "
              + describe(step)
              + rollout
                  .currentStep()
                  .map(c -> "; the current step is " + c.position() + " (" + c.title() + ")")
                  .orElse(""));
    }
    boolean fits =
        switch (request.action()) {
          case DONE, APPROVE, FAIL -> step.state() == StepState.POSTED;
          case SKIP -> step.phase() == Phase.FORWARD;
          case RETRY -> step.state() == StepState.FAILED;
          case ROLLBACK -> step.state() == StepState.FAILED && step.phase() == Phase.FORWARD;
          default -> false;
        };
    return fits
        ? Optional.empty()
        : stale(
            "step "
                + step.position()
                + " ("
                + step.title()
                + ") is "
                + describe(step)
                + ": "
                + request.action().label()
                + " does not apply to it");
  }

  private static String describe(StepRun step) {
    return step.state().label()
        + step.finishedBy().map(u -> " by @" + u).orElse("")
        + step.finishedAt().map(t -> " at " + Times.format(t)).orElse("");
  }

  private static Optional<Refusal> stale(String message) {
    return Optional.of(new Refusal(Refusal.Reason.STALE, message));
  }
}
