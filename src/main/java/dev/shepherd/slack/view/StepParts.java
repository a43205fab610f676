package dev.shepherd.slack.view;

import com.slack.api.model.block.LayoutBlock;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.runbook.Section;
import dev.shepherd.runbook.Warning;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the step, rollback step and failure views draw alike. */
final class StepParts {
  /** How much of a rollback a forward step shows before pointing at the file. */
  static final int COMPACT_ROLLBACK = 1200;

  private StepParts() {}

  /** {@code `runbooks/x.md:42`}: where a reader finds the source. */
  static String where(String location, int line) {
    return "`" + Mrkdwn.escape(location) + ":" + line + "`";
  }

  /** The section's Markdown as mrkdwn sections, the first opening with a label line. */
  static List<LayoutBlock> section(String label, Section section) {
    String text = Mrkdwn.fromMarkdown(section.markdown());
    if (label.isEmpty()) {
      return text.isBlank() ? List.of() : BlockKit.sections(text);
    }
    return BlockKit.sections(text.isBlank() ? label : label + "\n" + text);
  }

  /** A section cut to a few lines, pointing at the file line where the rest continues. */
  static LayoutBlock compact(String label, Section section, String location, int max) {
    String text = Mrkdwn.fromMarkdown(section.markdown());
    String cut =
        TextChunks.truncate(
            text, max - label.length() - 1, line -> where(location, section.line() + line));
    return BlockKit.section(label.isEmpty() ? cut : cut.isBlank() ? label : label + "\n" + cut);
  }

  /** "needs approval (k of n): approved by <@…>", for steps that need approval. */
  static Optional<LayoutBlock> approvals(Rollout rollout, StepRun run) {
    if (!run.needsApproval()) {
      return Optional.empty();
    }
    return Optional.of(BlockKit.section(":lock: " + approvalLine(rollout, run)));
  }

  /**
   * ":memo: 2 notes on the record, 1 redacted (listed in the summary)", or nothing for a step
   * without notes.
   */
  static Optional<LayoutBlock> notes(int notes, int redacted) {
    return notes == 0
        ? Optional.empty()
        : Optional.of(
            BlockKit.context(
                ":memo: "
                    + notes
                    + (notes == 1 ? " note" : " notes")
                    + " on the record"
                    + (redacted == 0 ? "" : ", " + redacted + " redacted")
                    + " (listed in the summary)"));
  }

  static String approvalLine(Rollout rollout, StepRun run) {
    String count =
        "*needs approval (" + run.approvedBy().size() + " of " + rollout.approvalsNeeded() + ")*";
    return run.approvedBy().isEmpty()
        ? count + ": not approved yet (approvers: " + Mrkdwn.users(rollout.approvers()) + ")"
        : count + ": approved by " + Mrkdwn.users(run.approvedBy());
  }

  /** Whether a click on this step can still do something: it is open in an active rollout. */
  static boolean current(Rollout rollout, StepRun run) {
    return rollout.state().isActive() && rollout.phase() == run.phase() && run.isOpen();
  }

  /**
   * Who did what when, once a step is finished, or why its buttons are gone: {@code :x: Failed by
   * <@U0ALICE> <!date…>: reason}.
   */
  static String outcome(Rollout rollout, StepRun run) {
    String line =
        States.icon(run.state())
            + switch (run.state()) {
              case DONE -> " Done";
              case FAILED -> " Failed";
              case SKIPPED -> " Skipped";
              case POSTED -> " Waiting";
              case PENDING -> " Not posted yet";
            };
    line += run.finishedBy().map(user -> " by " + Mrkdwn.user(user)).orElse("");
    line += run.finishedAt().map(at -> " " + Mrkdwn.date(at)).orElse("");
    line += run.reason().map(why -> ": " + Mrkdwn.freeText(why)).orElse("");
    // Only a step still waiting says why its buttons went: a finished step's message is the same
    // whatever the rollout did next, so ending a rollout redraws just the steps that lose buttons
    // (each redraw spends the workspace's few chat.update calls a minute).
    if (run.state() == StepState.POSTED
        && (!rollout.state().isActive() || rollout.phase() != run.phase())) {
      line += " · the rollout is " + States.words(rollout.state());
    }
    return line;
  }

  /** A label and mrkdwn on one line, or on two when the text opens with a code fence. */
  static String labelled(String label, String mrkdwn) {
    return label
        + (TextChunks.isFence(mrkdwn.lines().findFirst().orElse("")) ? "\n" : " ")
        + mrkdwn;
  }

  /** The state in a few words, for a message's fallback text. */
  static String stateWords(Rollout rollout, StepRun run) {
    String words =
        switch (run.state()) {
          case DONE -> "done";
          case FAILED -> "failed";
          case SKIPPED -> "skipped";
          case POSTED ->
              run.needsApproval() && !run.isApproved(rollout.approvalsNeeded())
                  ? "needs approval"
                  : "waiting";
          case PENDING -> "not posted yet";
        };
    return words
        + (run.state() != StepState.POSTED && run.state() != StepState.PENDING
            ? run.finishedBy().map(user -> " by " + Mrkdwn.user(user)).orElse("")
            : "");
  }

  /** Each callout at its own loudness, as GitHub shows its alerts. */
  static String icon(Warning.Level level) {
    return switch (level) {
      case NOTE -> ":information_source:";
      case TIP -> ":bulb:";
      case IMPORTANT -> ":heavy_exclamation_mark:";
      case WARNING -> ":warning:";
      case CAUTION -> ":no_entry:";
    };
  }

  static List<LayoutBlock> warnings(List<Warning> warnings) {
    List<LayoutBlock> blocks = new ArrayList<>();
    for (Warning warning : warnings) {
      blocks.addAll(
          BlockKit.sections(labelled(icon(warning.level()), Mrkdwn.fromMarkdown(warning.text()))));
    }
    return blocks;
  }
}
