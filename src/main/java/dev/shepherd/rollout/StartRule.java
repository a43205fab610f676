package dev.shepherd.rollout;

import java.util.Optional;

/** One reason a rollout may not start. Rules compose: the first refusal wins. */
interface StartRule {
  Optional<Refusal> check(StartContext context);
}
