package dev.shepherd.rollout.rule;

import dev.shepherd.rollout.Refusal;
import dev.shepherd.runbook.Rendition;
import java.util.Optional;

/** A runbook that uses a variable this partition lacks would run half-rendered commands. */
final class VariablesRule implements StartRule {
  @Override
  public Optional<Refusal> check(StartContext context) {
    if (context.rendition().isComplete()) {
      return Optional.empty();
    }
    Rendition.UndefinedVariable first = context.rendition().undefined().get(0);
    String path = context.rendition().runbook().path();
    String all =
        String.join(
            ", ",
            context.rendition().undefined().stream()
                .map(v -> "{{" + v.name() + "}} (" + path + ":" + v.line() + ")")
                .distinct()
                .toList());
    return Optional.of(
        new Refusal(
            Refusal.Reason.UNDEFINED_VARIABLE,
            "not defined for "
                + context.partition().name()
                + ": "
                + all
                + ". Add "
                + first.name()
                + " to the vars of "
                + context.partition().name()
                + " in the config, then start again"));
  }
}
