package dev.shepherd.slack.interaction;

import dev.shepherd.learning.writeback.Proposal;
import java.util.Objects;
import java.util.function.Function;

/**
 * How Propose runbook changes proposes: with the branch push when the config asks for one and the
 * clicker may push (an approver of the rollout's partition in the config), else the diff alone.
 *
 * @param withBranch proposals that push the branch when the config says {@code branch}
 * @param diffOnly proposals that never push
 * @param branches whether the config asks for branches at all
 */
public record Proposing(
    Function<String, Proposal> withBranch, Function<String, Proposal> diffOnly, boolean branches) {
  public Proposing {
    Objects.requireNonNull(withBranch, "withBranch");
    Objects.requireNonNull(diffOnly, "diffOnly");
  }
}
