package dev.shepherd.learning.writeback;

import dev.shepherd.learning.finding.RolloutFindings;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookParser;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Propose runbook changes: a rollout's findings written into the runbook revision it pinned, as a
 * diff, and as a branch when the git source is configured to take one. Thread-safe; the same
 * rollout always gets the same proposal (and the same commit).
 */
public final class ProposalWriter {
  /** Writes a unified diff of one file; the git adapter's {@code UnifiedDiff::of}. */
  @FunctionalInterface
  public interface DiffWriter {
    String diff(String path, String before, String after);
  }

  /** The rollout is not in the store. */
  public static final class NoSuchRollout extends IllegalArgumentException {
    public NoSuchRollout(String rolloutId) {
      super("no rollout " + rolloutId + " in this database");
    }
  }

  private final RolloutStore store;
  private final RolloutFindings findings;
  private final DiffWriter diffs;
  private final UnaryOperator<String> repositoryPath;
  private final Optional<BranchPublisher> branches;
  private final LintGate lint;
  private final RunbookParser parser = new RunbookParser();

  /**
   * @param repositoryPath a runbook's path in the repository, from its path in the source (a git
   *     source's folder, or the runbooks folder, before it), so {@code git apply} finds the file
   * @param branches where to push a branch, when {@code runbooks.propose: branch}
   */
  /**
   * What the lint holds against a patched runbook that it did not hold against the pinned one, in
   * words; empty when the patch lints no worse.
   */
  @FunctionalInterface
  public interface LintGate {
    List<String> worsened(Runbook pinned, Runbook patched);

    LintGate NONE = (pinned, patched) -> List.of();
  }

  public ProposalWriter(
      RolloutStore store,
      RolloutFindings findings,
      DiffWriter diffs,
      UnaryOperator<String> repositoryPath,
      Optional<BranchPublisher> branches) {
    this(store, findings, diffs, repositoryPath, branches, LintGate.NONE);
  }

  /**
   * @param lint checked before a branch is pushed: a patch that lints worse is not pushed
   */
  public ProposalWriter(
      RolloutStore store,
      RolloutFindings findings,
      DiffWriter diffs,
      UnaryOperator<String> repositoryPath,
      Optional<BranchPublisher> branches,
      LintGate lint) {
    this.lint = Objects.requireNonNull(lint, "lint");
    this.store = Objects.requireNonNull(store, "store");
    this.findings = Objects.requireNonNull(findings, "findings");
    this.diffs = Objects.requireNonNull(diffs, "diffs");
    this.repositoryPath = Objects.requireNonNull(repositoryPath, "repositoryPath");
    this.branches = Objects.requireNonNull(branches, "branches");
  }

  /** The proposal for a rollout; throws {@link NoSuchRollout} when there is no such rollout. */
  public Proposal propose(String rolloutId) {
    Rollout rollout = store.find(rolloutId).orElseThrow(() -> new NoSuchRollout(rolloutId));
    String shortId = RunbookFinding.shortId(rollout.id());
    String path = repositoryPath.apply(rollout.runbook().path());
    Optional<String> pinned = store.snapshot(rollout.runbook());
    if (pinned.isEmpty()) {
      return Proposal.nothing(
          rollout.id(),
          path,
          "",
          "The text of "
              + rollout.runbook().path()
              + " at "
              + rollout.runbook().revision()
              + " was not kept, so there is nothing to"
              + " change it against.");
    }
    List<RunbookFinding> found = findings.of(rollout.id());
    Runbook runbook =
        parser.parse(rollout.runbook().path(), pinned.get(), rollout.runbook().revision());
    RunbookPatch.Result patch = RunbookPatch.apply(pinned.get(), runbook, found);
    if (patch.isEmpty()) {
      return Proposal.nothing(
          rollout.id(),
          path,
          pinned.get(),
          found.isEmpty()
              ? "Rollout "
                  + shortId
                  + " found nothing its runbook does not say: nothing to propose."
              : "The runbook already covers what rollout "
                  + shortId
                  + " found (or it was an override"
                  + " of the choreography, or dismissed): nothing to propose.");
    }
    String diff = diffs.diff(path, pinned.get(), patch.text());
    Optional<String> link = Optional.empty();
    Optional<String> problem = Optional.empty();
    List<String> worse =
        lint.worsened(
            runbook,
            parser.parse(rollout.runbook().path(), patch.text(), rollout.runbook().revision()));
    if (!worse.isEmpty()) {
      problem =
          Optional.of(
              "the patched runbook lints worse than the pinned one ("
                  + String.join("; ", worse)
                  + "): fix the diff by hand before it is merged");
    } else if (branches.isPresent()) {
      try {
        link =
            Optional.of(
                branches
                    .get()
                    .publish(
                        new BranchPublisher.Request(
                            rollout.runbook().path(),
                            rollout.runbook().revision(),
                            branch(rollout),
                            patch.text(),
                            message(rollout, patch),
                            when(rollout, patch))));
      } catch (BranchPublisher.Failed e) {
        problem = Optional.of(e.getMessage());
      }
    }
    return new Proposal(
        rollout.id(),
        path,
        diff,
        patch.text(),
        patch.used(),
        patch.changes(),
        link,
        Optional.empty(),
        problem);
  }

  /**
   * {@code shepherd/<runbook-id>-<rollout-short-id>}, with what git refuses in a ref made a dash.
   */
  static String branch(Rollout rollout) {
    String id =
        rollout.runbook().id().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("\\.{2,}", "-");
    // Trimmed by hand: "[.-]+$" tried at each dash of a long run took quadratic time.
    int from = 0;
    int to = id.length();
    while (from < to && ".-".indexOf(id.charAt(from)) >= 0) {
      from++;
    }
    while (to > from && ".-".indexOf(id.charAt(to - 1)) >= 0) {
      to--;
    }
    id = id.substring(from, to);
    return "shepherd/"
        + (id.isEmpty() ? "runbook" : id)
        + "-"
        + RunbookFinding.shortId(rollout.id());
  }

  static String message(Rollout rollout, RunbookPatch.Result patch) {
    StringBuilder text =
        new StringBuilder(
            rollout.runbook().id()
                + ": what rollout "
                + RunbookFinding.shortId(rollout.id())
                + " on "
                + rollout.partition()
                + " found\n\n"
                + "Proposed by Shepherd from rollout "
                + rollout.id()
                + " of \""
                + rollout.runbook().title()
                + "\" on "
                + rollout.partition()
                + ", which ran "
                + rollout.runbook().revision()
                + ".\n\n");
    for (RunbookPatch.Change change : patch.changes()) {
      text.append("- ").append(change.description()).append('\n');
    }
    text.append("\nFindings: ");
    text.append(String.join(", ", patch.used().stream().map(RunbookFinding::key).toList()));
    return text.append('\n').toString();
  }

  /** The latest finding's time: the same proposal is the same commit. */
  private static Instant when(Rollout rollout, RunbookPatch.Result patch) {
    return patch.used().stream()
        .map(RunbookFinding::at)
        .max(Instant::compareTo)
        .orElse(rollout.createdAt());
  }
}
