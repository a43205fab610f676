package dev.shepherd.rollout;

import java.util.Optional;

/** One reason a click may not apply. Checked on every action, not only when buttons are drawn. */
interface ActionRule {
  Optional<Refusal> check(Rollout rollout, ActionRequest request);
}
