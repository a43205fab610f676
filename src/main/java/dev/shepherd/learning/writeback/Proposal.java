package dev.shepherd.learning.writeback;

import dev.shepherd.learning.finding.RunbookFinding;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What Propose runbook changes made of a rollout: the diff against its pinned revision, the patched
 * text, the findings it answers and, when configured, the branch pushed with it.
 *
 * @param path the runbook's path in the repository, as the diff names it
 * @param diff the unified diff; empty when there is nothing to propose
 * @param text the patched runbook (the pinned text when there is nothing to propose)
 * @param findings the findings the changes answer
 * @param branch where to open the pull request for the pushed branch, when one was pushed
 * @param nothing why there is nothing to propose, when there is not
 * @param branchProblem why the branch could not be pushed, when it was wanted and could not be
 */
public record Proposal(
    String rolloutId,
    String path,
    String diff,
    String text,
    List<RunbookFinding> findings,
    List<RunbookPatch.Change> changes,
    Optional<String> branch,
    Optional<String> nothing,
    Optional<String> branchProblem) {

  public Proposal {
    Objects.requireNonNull(rolloutId, "rolloutId");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(diff, "diff");
    Objects.requireNonNull(text, "text");
    findings = List.copyOf(findings);
    changes = List.copyOf(changes);
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(nothing, "nothing");
    Objects.requireNonNull(branchProblem, "branchProblem");
  }

  static Proposal nothing(String rolloutId, String path, String text, String why) {
    return new Proposal(
        rolloutId,
        path,
        "",
        text,
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.of(why),
        Optional.empty());
  }

  public boolean isEmpty() {
    return diff.isEmpty();
  }
}
