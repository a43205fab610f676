package dev.shepherd.slack.interaction;

import dev.shepherd.export.ExportFormat;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.learning.writeback.Proposal;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.engine.RecordReader;
import dev.shepherd.slack.view.Mrkdwn;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The documents the summary's buttons share: the change record, the proposal, the retrospective.
 */
public final class SummaryDocuments {
  /** Findings named in a proposal's comment; the diff holds them all. */
  private static final int NAMED = 10;

  private SummaryDocuments() {}

  /** Export record: the Markdown {@code shepherd audit export} prints. */
  public static DocumentButton.Writer record(RecordReader records) {
    return (rollout, user) ->
        records
            .of(rollout.id())
            .<DocumentButton.Document>map(
                record ->
                    new DocumentButton.File(
                        base(rollout) + ".md",
                        "Change record: " + rollout.runbook().title(),
                        ExportFormat.MARKDOWN.write(List.of(record)),
                        "Change record of this rollout, exported by <@" + user + ">",
                        "shepherd audit export " + rollout.id()))
            .orElse(
                new DocumentButton.Words(
                    "<@"
                        + user
                        + "> asked for the change record, and this"
                        + " rollout has none yet."));
  }

  /** Propose runbook changes: the diff as a file, the findings and the branch in its comment. */
  public static DocumentButton.Writer proposal(
      Proposing proposing, BiPredicate<Rollout, String> mayPush) {
    return (rollout, user) -> {
      // A branch is a write to the team's repository: only the partition's keepers make one.
      boolean pushes = proposing.branches() && mayPush.test(rollout, user);
      Proposal proposal =
          (pushes ? proposing.withBranch() : proposing.diffOnly()).apply(rollout.id());
      if (proposal.isEmpty()) {
        return new DocumentButton.Words(
            "<@"
                + user
                + "> asked for runbook changes. "
                + proposal.nothing().orElse("Nothing to propose."));
      }
      StringBuilder comment =
          new StringBuilder(
              "Proposed changes to `"
                  + Mrkdwn.escape(proposal.path())
                  + "` from what this rollout found, for <@"
                  + user
                  + ">:");
      List<RunbookFinding> findings = proposal.findings();
      for (RunbookFinding finding : findings.subList(0, Math.min(NAMED, findings.size()))) {
        comment
            .append("\n• ")
            .append(finding.kind().label())
            .append(" at step ")
            .append(finding.runbookStep())
            .append(" (")
            .append(Mrkdwn.escape(finding.stepTitle()))
            .append(")")
            .append(
                finding.symptom().isBlank()
                    ? ""
                    : ": " + Mrkdwn.escape(finding.symptom().strip().replaceAll("\\s+", " ")));
      }
      if (findings.size() > NAMED) {
        comment.append("\n• and ").append(findings.size() - NAMED).append(" more, in the diff");
      }
      proposal.branch().ifPresent(link -> comment.append("\nBranch: ").append(Mrkdwn.escape(link)));
      proposal
          .branchProblem()
          .ifPresent(why -> comment.append("\nNo branch was pushed: ").append(Mrkdwn.escape(why)));
      if (proposing.branches() && !pushes) {
        comment.append(
            "\nNo branch was pushed: only an approver of "
                + rollout.partition()
                + " in the config pushes one; the diff is here for anyone to apply.");
      }
      return new DocumentButton.File(
          rollout.runbook().id() + "-" + RunbookFinding.shortId(rollout.id()) + ".diff",
          "Proposed runbook changes: " + rollout.runbook().title(),
          proposal.diff(),
          comment.toString(),
          "shepherd propose " + rollout.id());
    };
  }

  /** Draft retrospective: the Markdown the retrospective writes, when it can write one. */
  public static DocumentButton.Writer retrospective(
      Function<String, Optional<String>> retrospectives) {
    return (rollout, user) ->
        retrospectives
            .apply(rollout.id())
            .<DocumentButton.Document>map(
                markdown ->
                    new DocumentButton.File(
                        base(rollout) + "-retrospective.md",
                        "Retrospective draft: " + rollout.runbook().title(),
                        markdown,
                        "Draft retrospective of this rollout, for <@" + user + ">",
                        "shepherd retro " + rollout.id()))
            .orElse(
                new DocumentButton.Words(
                    "<@"
                        + user
                        + "> asked for a retrospective draft, and"
                        + " there is none for this rollout yet."));
  }

  private static String base(Rollout rollout) {
    return rollout.runbook().id() + "-" + rollout.partition() + "-" + rollout.id();
  }
}
