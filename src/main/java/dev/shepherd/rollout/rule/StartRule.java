package dev.shepherd.rollout.rule;

import dev.shepherd.rollout.Refusal;
import java.util.Optional;

/** One reason a rollout may not start. Rules compose: the first refusal wins. */
public interface StartRule {
  Optional<Refusal> check(StartContext context);
}
