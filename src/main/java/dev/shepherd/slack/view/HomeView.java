package dev.shepherd.slack.view;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.ButtonElement;
import dev.shepherd.rollout.Freeze;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The App Home tab of one viewer: the steps waiting for their approval (with Approve buttons that
 * work there), the active rollouts with links to their threads, the frozen partitions and the
 * recent runs. At most {@value #MAX_BLOCKS} blocks, as Slack allows a Home tab.
 */
public final class HomeView {
  static final int MAX_BLOCKS = 100;

  /** Rows per list before the rest is left to {@code /rollout status}. */
  private static final int MAX_ROWS = 20;

  private HomeView() {}

  /**
   * @param waiting the active rollouts whose open step waits for this viewer's approval
   * @param link a rollout's thread link, or null when it has no thread yet
   */
  public static List<LayoutBlock> render(
      List<Rollout> waiting,
      List<Rollout> active,
      List<Freeze> frozen,
      List<Rollout> recent,
      Function<Rollout, String> link) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(BlockKit.header("Shepherd"));
    blocks.add(BlockKit.section("*Waiting for your approval*"));
    if (waiting.isEmpty()) {
      blocks.add(BlockKit.context("Nothing waits for you."));
    }
    for (Rollout rollout : waiting.subList(0, Math.min(MAX_ROWS, waiting.size()))) {
      StepRun step = rollout.currentStep().orElseThrow();
      blocks.add(
          BlockKit.section(
              TextClips.clip(
                  "*"
                      + Mrkdwn.escape(rollout.partition())
                      + "*: step "
                      + step.position()
                      + " ("
                      + Mrkdwn.fromMarkdown(step.title())
                      + ") of "
                      + Mrkdwn.escape(rollout.runbook().id())
                      + " by "
                      + Mrkdwn.user(rollout.operator())
                      + ", "
                      + step.approvedBy().size()
                      + " of "
                      + rollout.approvalsNeeded()
                      + " approvals"
                      + thread(rollout, link),
                  Limits.SECTION_TEXT)));
      blocks.add(
          BlockKit.actions(
              List.of(
                  ButtonElement.builder()
                      .text(BlockKit.plain("Approve"))
                      .actionId(ActionIds.APPROVE)
                      .value(ButtonValue.of(rollout.id(), step.phase(), step.position()))
                      .style("primary")
                      .build())));
    }
    blocks.add(BlockKit.divider());
    blocks.add(BlockKit.section("*Active rollouts*"));
    blocks.add(
        BlockKit.context(
            rows(
                active,
                r ->
                    "*"
                        + Mrkdwn.escape(r.partition())
                        + "*: "
                        + Mrkdwn.escape(r.runbook().id())
                        + " by "
                        + Mrkdwn.user(r.operator())
                        + " — "
                        + States.words(r.state())
                        + thread(r, link),
                "No rollout is active.")));
    blocks.add(BlockKit.section("*Frozen partitions*"));
    blocks.add(
        BlockKit.context(
            rowsOf(
                frozen.stream()
                    .map(
                        f ->
                            ":ice_cube: *"
                                + Mrkdwn.escape(f.partition())
                                + "* by "
                                + Mrkdwn.user(f.by())
                                + ": "
                                + Mrkdwn.freeMarkdown(f.reason()))
                    .toList(),
                "No partition is frozen.")));
    blocks.add(BlockKit.section("*Recent runs*"));
    blocks.add(
        BlockKit.context(
            rows(
                recent,
                r ->
                    States.icon(r.state())
                        + " *"
                        + Mrkdwn.escape(r.partition())
                        + "*: "
                        + Mrkdwn.escape(r.runbook().id())
                        + " — "
                        + States.words(r.state())
                        + r.endedAt().map(at -> " " + Mrkdwn.date(at)).orElse("")
                        + thread(r, link),
                "No run ended in the last week.")));
    return blocks;
  }

  private static String thread(Rollout rollout, Function<Rollout, String> link) {
    String url = link.apply(rollout);
    return url == null ? "" : " <" + url + "|thread>";
  }

  private static String rows(List<Rollout> rollouts, Function<Rollout, String> row, String none) {
    return rowsOf(rollouts.stream().map(row).toList(), none);
  }

  /** One context text of the rows, cut to what one element holds. */
  private static String rowsOf(List<String> rows, String none) {
    if (rows.isEmpty()) {
      return none;
    }
    List<String> shown = rows.subList(0, Math.min(MAX_ROWS, rows.size()));
    String more =
        rows.size() > shown.size()
            ? "\n…and " + (rows.size() - shown.size()) + " more: `/rollout status`"
            : "";
    return TextClips.clip(String.join("\n", shown) + more, Limits.CONTEXT_TEXT);
  }
}
