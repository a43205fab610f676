package dev.shepherd.slack.view;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.block.element.CheckboxesElement;
import dev.shepherd.audit.Phase;
import dev.shepherd.format.Durations;
import dev.shepherd.rollout.ChecklistState;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of a scheduled rollout's thread and of a waiting step: the checklist reminder (the
 * items as checkboxes, who ticked what), the T-0 message with its Start button, and the nudge and
 * escalation of a step nobody acts on.
 */
public final class ScheduleView {
  /** The checklist's block id carries the rollout, since checkboxes carry no value of their own. */
  public static final String CHECKLIST_BLOCK = "checklist:";

  private ScheduleView() {}

  public static SlackMessage reminder(
      Rollout rollout, List<ChecklistState> checklist, Duration before) {
    String when = rollout.scheduledFor().map(Mrkdwn::date).orElse("soon");
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(
        BlockKit.section(
            ":alarm_clock: *"
                + Mrkdwn.escape(rollout.runbook().title())
                + "* on *"
                + Mrkdwn.escape(rollout.partition())
                + "* starts "
                + when
                + " (in "
                + Durations.format(before)
                + "). Operator "
                + Mrkdwn.user(rollout.operator())
                + "."));
    long open = checklist.stream().filter(c -> !c.isTicked()).count();
    if (checklist.isEmpty()) {
      blocks.add(BlockKit.context("This runbook has no checklist."));
    } else {
      blocks.add(checkboxes(rollout, checklist));
      for (ChecklistState item : checklist) {
        blocks.add(
            BlockKit.context(
                (item.isTicked() ? ":ballot_box_with_check: " : ":white_square: ")
                    + TextClips.clip(Mrkdwn.fromMarkdown(item.text()), 300)
                    + item.tickedBy()
                        .map(
                            u ->
                                " — ticked by "
                                    + Mrkdwn.user(u)
                                    + item.tickedAt().map(at -> " " + Mrkdwn.date(at)).orElse(""))
                        .orElse("")));
        if (blocks.size() >= Limits.MAX_BLOCKS - 2) {
          break;
        }
      }
      blocks.add(
          BlockKit.section(
              open == 0
                  ? ":white_check_mark: Every item is ticked."
                  : ":hourglass: *Still open:* " + open + " of " + checklist.size()));
    }
    return new SlackMessage(
        "Reminder: "
            + rollout.runbook().title()
            + " on "
            + rollout.partition()
            + " starts in "
            + Durations.format(before)
            + "; "
            + open
            + " checklist item"
            + (open == 1 ? "" : "s")
            + " open",
        blocks);
  }

  /**
   * The checklist as checkboxes, ten to an element (Slack's limit), up to 25 elements to the block.
   * Each element's action id names its group ({@code shepherd.tick}, then {@code
   * shepherd.tick:1}…), since a change sends only the boxes of the element it happened in.
   */
  private static LayoutBlock checkboxes(Rollout rollout, List<ChecklistState> checklist) {
    List<com.slack.api.model.block.element.BlockElement> elements = new ArrayList<>();
    int groups =
        Math.min(
            MAX_CHECKBOX_GROUPS,
            (checklist.size() + Limits.CHECKBOX_OPTIONS - 1) / Limits.CHECKBOX_OPTIONS);
    for (int group = 0; group < groups; group++) {
      List<OptionObject> options = new ArrayList<>();
      List<OptionObject> ticked = new ArrayList<>();
      int from = group * Limits.CHECKBOX_OPTIONS;
      for (ChecklistState item :
          checklist.subList(from, Math.min(from + Limits.CHECKBOX_OPTIONS, checklist.size()))) {
        // The label is cut to Slack's option limit; the whole item shows in its line below.
        OptionObject option =
            OptionObject.builder()
                .text(
                    BlockKit.mrkdwn(
                        TextClips.clip(Mrkdwn.fromMarkdown(item.text()), Limits.OPTION_TEXT)))
                .value(String.valueOf(item.item()))
                .build();
        options.add(option);
        if (item.isTicked()) {
          ticked.add(option);
        }
      }
      elements.add(
          CheckboxesElement.builder()
              .actionId(tickActionId(group))
              .options(options)
              .initialOptions(ticked.isEmpty() ? null : ticked)
              .build());
    }
    return ActionsBlock.builder()
        .blockId(CHECKLIST_BLOCK + rollout.id())
        .elements(elements)
        .build();
  }

  /** The action id of the checkbox group holding items {@code 10 * group + 1} onwards. */
  public static String tickActionId(int group) {
    return group == 0 ? ActionIds.TICK : ActionIds.TICK + ":" + group;
  }

  /** The group a checkbox action id names; 0 for the first (and for an id of another shape). */
  public static int tickGroup(String actionId) {
    int colon = actionId == null ? -1 : actionId.indexOf(':');
    try {
      return colon < 0 ? 0 : Integer.parseInt(actionId.substring(colon + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Items in one checkbox group. */
  public static final int CHECKBOX_GROUP = Limits.CHECKBOX_OPTIONS;

  /** Elements in one actions block: Slack allows 25. */
  private static final int MAX_CHECKBOX_GROUPS = 25;

  /** T-0: the Start button, with what is still open as a warning. */
  public static SlackMessage due(Rollout rollout, List<ChecklistState> checklist, boolean waiting) {
    List<String> open =
        checklist.stream().filter(c -> !c.isTicked()).map(ChecklistState::text).toList();
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(
        BlockKit.section(
            ":rocket: *Time to start "
                + Mrkdwn.escape(rollout.runbook().title())
                + " on "
                + Mrkdwn.escape(rollout.partition())
                + "*, "
                + Mrkdwn.user(rollout.operator())
                + "."));
    if (!open.isEmpty()) {
      blocks.add(
          BlockKit.section(
              TextClips.clip(
                  ":warning: *Checklist items still open:*\n• "
                      + String.join("\n• ", open.stream().map(Mrkdwn::fromMarkdown).toList()),
                  Limits.SECTION_TEXT)));
    }
    if (waiting) {
      ButtonElement start =
          ButtonElement.builder()
              .text(BlockKit.plain("Start"))
              .actionId(ActionIds.START)
              .value(ButtonValue.of(rollout.id(), Phase.FORWARD, 1))
              .style("primary")
              .confirm(
                  com.slack.api.model.block.composition.ConfirmationDialogObject.builder()
                      .title(BlockKit.plain("Start the rollout?"))
                      .text(
                          BlockKit.plain(
                              TextClips.clipPlain(
                                  "Start "
                                      + rollout.runbook().id()
                                      + " on "
                                      + rollout.partition()
                                      + (open.isEmpty()
                                          ? "?"
                                          : " with "
                                              + open.size()
                                              + " checklist item(s) still open?"),
                                  Limits.CONFIRM_TEXT)))
                      .confirm(BlockKit.plain("Start"))
                      .deny(BlockKit.plain("Cancel"))
                      .build())
              .build();
      blocks.add(ActionsBlock.builder().blockId("start").elements(List.of(start)).build());
    } else {
      blocks.add(
          BlockKit.context(States.icon(rollout.state()) + " " + States.words(rollout.state())));
    }
    return new SlackMessage(
        "Time to start "
            + rollout.runbook().title()
            + " on "
            + rollout.partition()
            + (open.isEmpty() ? "" : " (" + open.size() + " checklist items open)"),
        blocks);
  }

  /** A step that waited too long: a nudge in its thread, naming who can move it. */
  public static SlackMessage nudge(Rollout rollout, StepRun step, Duration waited) {
    List<String> who = new ArrayList<>();
    who.add(Mrkdwn.user(rollout.operator()));
    if (step.needsApproval() && !step.isApproved(rollout.approvalsNeeded())) {
      rollout.approvers().stream()
          .filter(a -> !a.equals(rollout.operator()))
          .forEach(a -> who.add(Mrkdwn.user(a)));
    }
    String text =
        ":hourglass_flowing_sand: "
            + String.join(" ", who)
            + " step "
            + step.position()
            + " ("
            + Mrkdwn.fromMarkdown(step.title())
            + ") has waited "
            + Durations.format(waited)
            + (step.needsApproval() && !step.isApproved(rollout.approvalsNeeded())
                ? " and needs " + rollout.approvalsNeeded() + " approval(s)"
                : "")
            + ".";
    return new SlackMessage(
        "Step "
            + step.position()
            + " of "
            + rollout.runbook().id()
            + " on "
            + rollout.partition()
            + " has waited "
            + Durations.format(waited),
        List.of(BlockKit.section(TextClips.clip(text, Limits.SECTION_TEXT))));
  }

  /** The one channel message when a step has waited past escalation. */
  public static SlackMessage escalation(
      Rollout rollout, StepRun step, Duration waited, String link) {
    String text =
        ":rotating_light: *"
            + Mrkdwn.escape(rollout.partition())
            + "*: step "
            + step.position()
            + " ("
            + Mrkdwn.fromMarkdown(step.title())
            + ") of "
            + Mrkdwn.escape(rollout.runbook().id())
            + " has waited "
            + Durations.format(waited)
            + " with no action. Operator "
            + Mrkdwn.user(rollout.operator())
            + ". <"
            + link
            + "|Open the thread>";
    return new SlackMessage(
        "Stalled: step "
            + step.position()
            + " of "
            + rollout.runbook().id()
            + " on "
            + rollout.partition()
            + " has waited "
            + Durations.format(waited),
        List.of(BlockKit.section(TextClips.clip(text, Limits.SECTION_TEXT))));
  }
}
