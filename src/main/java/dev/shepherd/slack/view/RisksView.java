package dev.shepherd.slack.view;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.element.ButtonElement;
import dev.shepherd.learning.finding.FindingRiskRegister;
import dev.shepherd.learning.finding.RunbookFinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code /rollout risks [runbook]}: the open findings, newest first, each with who found it where
 * and a Dismiss button (approvers only, with a reason) for what no longer matters.
 */
public final class RisksView {
  /** Findings shown one section each; the rest are counted. */
  static final int SHOWN = 20;

  private static final int LINE = 600;

  private RisksView() {}

  /** The button's value: the finding's rollout and key, which the dismiss modal carries on. */
  public static String value(RunbookFinding finding) {
    return finding.rolloutId() + " " + finding.key();
  }

  /** The rollout and key a Dismiss button names; empty for a value this version did not draw. */
  public static Optional<String[]> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String[] parts = value.split(" ", 2);
    return parts.length == 2 && !parts[0].isBlank() && !parts[1].isBlank()
        ? Optional.of(parts)
        : Optional.empty();
  }

  public static SlackMessage render(List<RunbookFinding> open, Optional<String> runbook) {
    String scope = runbook.map(id -> "of " + Mrkdwn.escape(id)).orElse("of every runbook");
    if (open.isEmpty()) {
      String text =
          ":white_check_mark: No open findings "
              + scope
              + ": every surprise of its"
              + " rollouts is in the runbook, or was dismissed.";
      return SlackMessage.ofText(text);
    }
    List<RunbookFinding> newest = new ArrayList<>(open);
    newest.sort(Comparator.comparing(RunbookFinding::at).reversed());
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(
        BlockKit.section(
            ":books: *"
                + open.size()
                + " open finding"
                + (open.size() == 1 ? "" : "s")
                + " "
                + scope
                + "*: each warns the next rollouts until a revision of the runbook covers it"
                + " (Propose runbook changes on a summary writes the rows) or an approver dismisses it."));
    int index = 0;
    for (RunbookFinding finding : newest.subList(0, Math.min(SHOWN, newest.size()))) {
      String text =
          "*"
              + Mrkdwn.escape(finding.runbookId())
              + "* on *"
              + Mrkdwn.escape(finding.partition())
              + "* "
              + Mrkdwn.date(finding.at())
              + " (rollout `"
              + finding.rolloutShortId()
              + "`, revision `"
              + finding.revision().shortId()
              + "`): "
              + Mrkdwn.freeText(FindingRiskRegister.words(finding));
      blocks.add(
          SectionBlock.builder()
              .text(BlockKit.mrkdwn(TextClips.clip(text, LINE)))
              .accessory(
                  ButtonElement.builder()
                      .text(BlockKit.plain("Dismiss"))
                      .actionId(ActionIds.DISMISS + ":" + index++)
                      .value(value(finding))
                      .build())
              .build());
    }
    if (newest.size() > SHOWN) {
      blocks.add(
          BlockKit.context(
              (newest.size() - SHOWN)
                  + " older open findings are not shown:"
                  + " dismiss or cover these first, or ask for one runbook: `/rollout risks <runbook>`"));
    }
    return new SlackMessage(
        open.size() + " open finding" + (open.size() == 1 ? "" : "s") + " " + scope, blocks);
  }

  /** {@code /rollout risks <runbook>} named no runbook there is: the ones there are. */
  public static SlackMessage unknownRunbook(String runbook, List<String> runbooks) {
    return SlackMessage.ofText(
        ":question: no runbook "
            + Mrkdwn.escape(runbook)
            + " (runbooks: "
            + Mrkdwn.escape(String.join(", ", runbooks))
            + ")");
  }
}
