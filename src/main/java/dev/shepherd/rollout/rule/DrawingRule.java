package dev.shepherd.rollout.rule;

import dev.shepherd.rollout.ActionRequest;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A click must be on the step as it is drawn now: when the pinned runbook's text or its rendering
 * for the partition (its variables, the renderer) changed after the button was drawn, the clicker
 * approved something other than what would run, so the click is refused and the step redrawn.
 */
public final class DrawingRule implements ActionRule {
  private final BiFunction<Rollout, StepRun, Optional<String>> current;

  /**
   * @param current the fingerprint of a step as it would be drawn now; empty when the rollout's
   *     runbook cannot be rendered (then nothing can be compared, and the click is not refused
   *     here)
   */
  public DrawingRule(BiFunction<Rollout, StepRun, Optional<String>> current) {
    this.current = current;
  }

  @Override
  public Optional<Refusal> check(Rollout rollout, ActionRequest request) {
    if (request.drawn().isEmpty() || !request.action().targetsStep()) {
      return Optional.empty();
    }
    Optional<StepRun> target = rollout.step(request.phase(), request.position());
    if (target.isEmpty()) {
      return Optional.empty();
    }
    StepRun step = target.get();
    Optional<String> now = current.apply(rollout, step);
    if (now.isEmpty() || now.get().equals(request.drawn().get())) {
      return Optional.empty();
    }
    return Optional.of(
        new Refusal(
            Refusal.Reason.CHANGED_SINCE_DRAWN,
            "step "
                + step.position()
                + " ("
                + step.title()
                + ") changed after it was drawn for you (you saw "
                + request.drawn().get()
                + ", it is now "
                + now.get()
                + "): your "
                + request.action().label()
                + " was not recorded. The step has been redrawn: read it again, then click"
                + " again."));
  }
}
