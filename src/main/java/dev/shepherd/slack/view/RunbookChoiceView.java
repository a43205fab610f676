package dev.shepherd.slack.view;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.ButtonElement;
import dev.shepherd.runbook.Runbook;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to {@code /rollout <partition>} when several runbooks apply: a Start button per
 * runbook, so the operator picks one instead of retyping the command. Each button carries the
 * partition and the runbook id; the click starts that rollout as the clicker.
 */
public final class RunbookChoiceView {
  /** The action id of every choice button, with the runbook's place after a colon. */
  public static final String ACTION = "shepherd.choose";

  /** How many runbooks get a button: Slack allows 25 elements to an actions block. */
  static final int MAX_BUTTONS = 25;

  private RunbookChoiceView() {}

  public static SlackMessage render(String partition, List<Runbook> runbooks) {
    Objects.requireNonNull(partition, "partition");
    List<LayoutBlock> blocks = new ArrayList<>();
    StringBuilder list = new StringBuilder();
    for (Runbook runbook : runbooks) {
      list.append("\n• `/rollout ")
          .append(Mrkdwn.escape(partition))
          .append(' ')
          .append(Mrkdwn.escape(runbook.id()))
          .append("` — ")
          .append(Mrkdwn.fromMarkdown(runbook.title()));
    }
    blocks.add(
        BlockKit.section(
            TextClips.clip(
                "Several runbooks apply to *"
                    + Mrkdwn.escape(partition)
                    + "*; pick one to start it:"
                    + list,
                Limits.SECTION_TEXT)));
    List<ButtonElement> buttons = new ArrayList<>();
    for (int i = 0; i < Math.min(MAX_BUTTONS, runbooks.size()); i++) {
      Runbook runbook = runbooks.get(i);
      buttons.add(
          ButtonElement.builder()
              .text(
                  BlockKit.plain(TextClips.clipPlain("Start " + runbook.id(), Limits.BUTTON_TEXT)))
              .actionId(ACTION + ":" + i)
              .value(value(partition, runbook.id()))
              .build());
    }
    blocks.add(BlockKit.actions(buttons));
    if (runbooks.size() > MAX_BUTTONS) {
      blocks.add(
          BlockKit.context("The others: `/rollout " + Mrkdwn.escape(partition) + " <runbook-id>`"));
    }
    // The text says it all too: where blocks are not shown (a notification, the sandbox's log).
    return new SlackMessage(
        TextClips.clip(
            "Several runbooks apply to " + Mrkdwn.escape(partition) + "; name one:" + list,
            Limits.SECTION_TEXT),
        blocks);
  }

  /** A choice's value: the partition, a space, the runbook id (partitions hold no space). */
  static String value(String partition, String runbookId) {
    return TextClips.clipPlain(partition + " " + runbookId, Limits.BUTTON_VALUE);
  }

  /** The partition and runbook id a choice button carries; empty for any other value. */
  public static Optional<String[]> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    int space = value.indexOf(' ');
    return space <= 0 || space == value.length() - 1
        ? Optional.empty()
        : Optional.of(new String[] {value.substring(0, space), value.substring(space + 1)});
  }

  /** {@code /rollout <partition>} named no partition there is: the ones there are. */
  public static String noPartition(String partition, List<String> partitions) {
    return ":no_entry: no partition "
        + partition
        + " (partitions: "
        + String.join(", ", partitions)
        + ")";
  }

  /** No runbook of the catalog applies to the partition. */
  public static String noRunbook(String partition) {
    return ":no_entry: no runbook applies to " + partition;
  }
}
