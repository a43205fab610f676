package dev.shepherd.rollout.rule;

import dev.shepherd.rollout.ActionRequest;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.Rollout;
import java.util.Optional;

/** One reason a click may not apply. Checked on every action, not only when buttons are drawn. */
public interface ActionRule {
  Optional<Refusal> check(Rollout rollout, ActionRequest request);
}
