package dev.shepherd.slack.view;

import com.slack.api.model.block.LayoutBlock;
import dev.shepherd.rollout.RiskRegister;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.runbook.ChecklistItem;
import dev.shepherd.runbook.Runbook;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The top of a rollout's thread, posted in the channel: which runbook, revision and partition, who
 * runs it and who approves, the engine's warnings loudest first (the last partition's on its own,
 * above everything else), any choreography override, the checklist and the steps ahead. Always one
 * message: what does not fit points at the runbook file.
 */
public final class RootMessageView {
  private RootMessageView() {}

  /**
   * @param rendered the runbook as rendered for the rollout's partition
   * @param location the runbook's path as people read it ({@code runbooks/oam-secrets.md})
   */
  public static SlackMessage render(Rollout rollout, Runbook rendered, String location) {
    Objects.requireNonNull(rollout, "rollout");
    Objects.requireNonNull(rendered, "rendered");
    Objects.requireNonNull(location, "location");
    List<String> warnings = new ArrayList<>(rollout.warnings());
    boolean last = !warnings.isEmpty() && isLastPartitionWarning(rollout, warnings.get(0));

    List<LayoutBlock> head = new ArrayList<>();
    head.add(BlockKit.header(rollout.runbook().title()));
    if (last) {
      head.add(BlockKit.section(lastPartition(warnings.remove(0))));
    }
    head.add(
        BlockKit.context(
            "rollout `" + Mrkdwn.escape(rollout.id()) + "`",
            "runbook "
                + Mrkdwn.escape(rollout.runbook().id())
                + " @ `"
                + rollout.runbook().revision().shortId()
                + "` · `"
                + Mrkdwn.escape(location)
                + "`",
            "partition *" + Mrkdwn.escape(rollout.partition()) + "*",
            "operator " + Mrkdwn.user(rollout.operator()),
            "approvers "
                + Mrkdwn.users(rollout.approvers())
                + (rollout.approvalsNeeded() > 1
                    ? " (" + rollout.approvalsNeeded() + " per step)"
                    : ""),
            States.words(rollout.state())
                + rollout.scheduledFor().map(at -> " for " + Mrkdwn.date(at)).orElse("")));

    List<LayoutBlock> body = new ArrayList<>();
    for (String warning : warnings) {
      // What earlier runs found is loudest where nothing comes after to catch it.
      String icon =
          !RiskRegister.isRisk(warning) ? ":warning: " : last ? ":rotating_light: " : ":books: ";
      body.add(BlockKit.section(icon + Mrkdwn.mentions(warning)));
    }
    rollout
        .override()
        .ifPresent(
            override ->
                body.add(
                    BlockKit.section(
                        ":twisted_rightwards_arrows: *Started despite the choreography* by "
                            + Mrkdwn.user(override.by())
                            + ": "
                            + Mrkdwn.freeText(override.reason()))));
    List<LayoutBlock> after = new ArrayList<>();
    if (!rendered.checklist().isEmpty()) {
      after.addAll(BlockKit.sections(checklist(rendered.checklist())));
    }
    if (!rollout.steps().isEmpty()) {
      after.addAll(BlockKit.sections(steps(rollout)));
    }
    body.addAll(
        introduction(
            rendered, location, Limits.MAX_BLOCKS - head.size() - body.size() - after.size()));
    body.addAll(after);

    String fallback =
        (last ? ":rotating_light: last partition: " : "")
            + "Rollout of "
            + Mrkdwn.escape(rollout.runbook().title())
            + " on "
            + Mrkdwn.escape(rollout.partition())
            + " by "
            + Mrkdwn.user(rollout.operator())
            + " — "
            + rollout.steps().size()
            + " step"
            + (rollout.steps().size() == 1 ? "" : "s")
            + (rollout.warnings().isEmpty()
                ? ""
                : ", "
                    + rollout.warnings().size()
                    + " warning"
                    + (rollout.warnings().size() == 1 ? "" : "s"));
    return Pages.single(head, body, List.of(), fallback, "`" + Mrkdwn.escape(location) + "`");
  }

  /**
   * The whole introduction, in as many sections as its length needs (each within Slack's 3000
   * characters), in the room the checklist and the steps leave: when it does not fit, the last
   * block says where it goes on, so the steps ahead are never the part cut.
   */
  static List<LayoutBlock> introduction(Runbook rendered, String location, int room) {
    if (rendered.introduction().isBlank()) {
      return List.of();
    }
    List<LayoutBlock> blocks =
        BlockKit.sections(Mrkdwn.fromMarkdown(rendered.introduction().markdown()));
    if (blocks.size() <= room) {
      return blocks;
    }
    if (room <= 0) {
      return List.of();
    }
    List<LayoutBlock> fitting = new ArrayList<>(blocks.subList(0, room - 1));
    fitting.add(
        BlockKit.context(
            ":scissors: the introduction goes on for "
                + (blocks.size() - room + 1)
                + " more block"
                + (blocks.size() - room + 1 == 1 ? "" : "s")
                + ": see `"
                + Mrkdwn.escape(location)
                + "`"));
    return fitting;
  }

  /** The engine says so in words only: its first warning names the partition as the last one. */
  private static boolean isLastPartitionWarning(Rollout rollout, String warning) {
    return warning.startsWith(rollout.partition() + " is the last partition")
        || warning.startsWith(rollout.partition() + " is in the last wave (");
  }

  /** {@code :rotating_light: *prod is the last partition*: latent bugs …}. */
  private static String lastPartition(String warning) {
    int colon = warning.indexOf(':');
    String lead = colon < 0 ? warning : warning.substring(0, colon);
    String rest = colon < 0 ? "" : warning.substring(colon);
    return ":rotating_light: *" + Mrkdwn.mentions(lead) + "*" + Mrkdwn.mentions(rest);
  }

  private static String checklist(List<ChecklistItem> items) {
    StringBuilder text = new StringBuilder(":clipboard: *Checklist* — before the first step");
    for (ChecklistItem item : items) {
      text.append("\n• ☐ ").append(Mrkdwn.inline(item.text(), false));
    }
    return text.toString();
  }

  private static String steps(Rollout rollout) {
    StringBuilder text = new StringBuilder(":footprints: *Steps*");
    for (StepRun step : rollout.steps()) {
      text.append('\n')
          .append(step.position())
          .append(". ")
          .append(Mrkdwn.escape(step.title()))
          .append(step.needsApproval() ? " — _needs approval_" : "");
    }
    return text.toString();
  }
}
