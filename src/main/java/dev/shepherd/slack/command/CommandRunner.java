package dev.shepherd.slack.command;

import dev.shepherd.chat.RolloutTimers;
import dev.shepherd.learning.finding.FindingService;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.learning.stats.RunbookHistory;
import dev.shepherd.learning.stats.RunbookStats;
import dev.shepherd.partition.Choreography;
import dev.shepherd.rollout.CompletedRun;
import dev.shepherd.rollout.Freeze;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StartRequest;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.rollout.WaveProgress;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.rollout.engine.ScheduledRolloutService;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.slack.posting.MessageLinks;
import dev.shepherd.slack.posting.SyncWorker;
import dev.shepherd.slack.view.FleetStatusView;
import dev.shepherd.slack.view.Mrkdwn;
import dev.shepherd.slack.view.RefusalText;
import dev.shepherd.slack.view.RisksView;
import dev.shepherd.slack.view.RunbookChoiceView;
import dev.shepherd.slack.view.SlackMessage;
import dev.shepherd.slack.view.StatsView;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** What the {@code /rollout} verbs do, and the text they answer with. */
public final class CommandRunner {
  static final String HELP =
      String.join(
          "\n",
          "*Shepherd* walks a runbook through a partition, step by step, in a thread.",
          "• `/rollout <partition> [runbook-id]` start a rollout (e.g. `/rollout prod oam-secrets`)",
          "• `/rollout <partition> <runbook-id> --override \"reason\"` start despite the choreography (approvers only)",
          "• `/rollout status` active rollouts, with links to their threads",
          "• `/rollout list` runbooks, and where each has completed",
          "• `/rollout abort <partition>` abort the active rollout there",
          "• `/rollout schedule <partition> <runbook-id> <when>` plan a rollout (`in 2h`, `2026-12-01T14:00Z`)",
          "• `/rollout unschedule <partition>` cancel what is scheduled there",
          "• `/rollout freeze <partition> <reason>` / `/rollout unfreeze <partition>` (approvers only)",
          "• `/rollout stats <runbook-id>` runs per partition, medians, failure and change failure rates",
          "• `/rollout freeze all <reason>` / `/rollout unfreeze all` every partition at once (approvers only)",
          "• `/rollout risks [runbook]` what earlier rollouts found that the runbook does not say yet",
          "• `/rollout help` this text");

  private final RolloutService rollouts;
  private final Supplier<Catalog> catalog;
  private final Choreography choreography;
  private final Clock clock;
  private final ZoneId zone;

  private final RolloutTimers timers;
  private final RunbookHistory history;

  private final FindingService findings;

  public CommandRunner(
      RolloutService rollouts,
      Supplier<Catalog> catalog,
      Choreography choreography,
      Clock clock,
      ZoneId zone,
      RolloutTimers timers,
      FindingService findings,
      RunbookHistory history) {
    this.findings = findings;
    this.timers = timers;
    this.history = history;
    this.rollouts = rollouts;
    this.catalog = catalog;
    this.choreography = choreography;
    this.clock = clock;
    this.zone = zone;
  }

  /** Plans a rollout; answers with the time as each reader's own clock shows it. */
  String schedule(
      CommandText.Schedule schedule, String user, String channel, String key, SyncWorker worker) {
    Optional<Instant> at = ScheduleTime.parse(schedule.when(), zone, clock);
    if (at.isEmpty()) {
      return ":question: cannot read \""
          + Mrkdwn.escape(schedule.when())
          + "\" as a time: "
          + ScheduleTime.examples(zone);
    }
    Outcome outcome =
        rollouts.schedule(
            new StartRequest(
                schedule.runbook(), schedule.partition(), user, channel, Optional.empty(), key),
            at.get());
    if (outcome instanceof Outcome.Refused refused) {
      return RefusalText.render(refused.refusal());
    }
    // Set the reminders now, before any Slack call: a slow Slack must not make them miss.
    outcome.rollout().ifPresent(timers::watch);
    outcome.rollout().map(Rollout::id).ifPresent(worker::sync);
    return ":calendar: "
        + schedule.runbook()
        + " on "
        + schedule.partition()
        + " is scheduled for "
        + Mrkdwn.date(at.get())
        + "; reminders will come in the thread";
  }

  Outcome unschedule(String partition, String user, String key) {
    return rollouts.unschedule(partition, user, key);
  }

  /**
   * The runbook to start when none was named, or the reply: the choice as buttons when several
   * apply, a refusal when none does.
   */
  record Choice(Optional<String> runbook, String reply, Optional<SlackMessage> buttons) {
    Choice(Optional<String> runbook, String reply) {
      this(runbook, reply, Optional.empty());
    }
  }

  Choice onlyRunbookFor(String partition) {
    if (choreography.find(partition).isEmpty()) {
      return new Choice(
          Optional.empty(),
          ":no_entry: no partition "
              + partition
              + " (partitions: "
              + String.join(", ", choreography.names())
              + ")");
    }
    List<Runbook> applicable = catalog.get().forPartition(partition);
    if (applicable.size() == 1) {
      return new Choice(Optional.of(applicable.get(0).id()), "");
    }
    if (applicable.isEmpty()) {
      return new Choice(Optional.empty(), ":no_entry: no runbook applies to " + partition);
    }
    SlackMessage buttons = RunbookChoiceView.render(partition, applicable);
    return new Choice(Optional.empty(), buttons.text(), Optional.of(buttons));
  }

  Outcome start(StartRequest request) {
    return rollouts.start(request);
  }

  Outcome abort(String partition, String user, String key) {
    return rollouts.abortActive(partition, user, key);
  }

  Outcome freeze(CommandText.Freeze freeze, String user, String key) {
    return rollouts.freeze(freeze.partition(), user, freeze.reason(), key);
  }

  Outcome unfreeze(CommandText.Unfreeze unfreeze, String user, String key) {
    return rollouts.unfreeze(unfreeze.partition(), user, key);
  }

  Outcome freezeAll(CommandText.FreezeAll freeze, String user, String key) {
    return rollouts.freezeAll(user, freeze.reason(), key);
  }

  Outcome unfreezeAll(String user, String key) {
    return rollouts.unfreezeAll(user, key);
  }

  String status() {
    List<Rollout> active = rollouts.active();
    StringBuilder text = new StringBuilder();
    if (choreography.declaresWaves()) {
      text.append(fleetStatus(active));
    } else if (active.isEmpty()) {
      text.append("No rollout is active.");
    } else {
      text.append("*Active rollouts*");
      for (Rollout rollout : active) {
        if (ScheduledRolloutService.waiting(rollout)) {
          text.append("\n• *")
              .append(rollout.partition())
              .append("*: ")
              .append(rollout.runbook().id())
              .append(" by <@")
              .append(rollout.operator())
              .append("> — scheduled for ")
              .append(rollout.scheduledFor().map(Mrkdwn::date).orElse("?"))
              .append(rollout.state() == RolloutState.CHECKLIST ? ", waiting for Start" : "");
          continue;
        }
        text.append("\n• *")
            .append(rollout.partition())
            .append("*: ")
            .append(rollout.runbook().id())
            .append(" by <@")
            .append(rollout.operator())
            .append("> — ")
            .append(rollout.state().label().replace('_', ' '));
        rollout
            .currentStep()
            .ifPresent(
                step ->
                    text.append(", step ")
                        .append(step.position())
                        .append('/')
                        .append(rollout.steps(step.phase()).size())
                        .append(" (")
                        .append(Mrkdwn.fromMarkdown(step.title()))
                        .append(") ")
                        .append(label(step)));
        rollout
            .thread()
            .threadId()
            .ifPresent(
                ts ->
                    text.append(" <")
                        .append(MessageLinks.link(rollout.thread().channel(), ts))
                        .append("|thread>"));
      }
    }
    rollouts
        .freezes()
        .forEach(
            freeze ->
                text.append("\n:ice_cube: *")
                    .append(
                        freeze.partition().equals(Freeze.ALL)
                            ? "every partition"
                            : freeze.partition())
                    .append("* is frozen by <@")
                    .append(freeze.by())
                    .append(">: ")
                    .append(Mrkdwn.fromMarkdown(freeze.reason())));
    return text.toString();
  }

  /** One compact block per runbook: its waves, counted, running and failed ones linked. */
  private String fleetStatus(List<Rollout> active) {
    List<String> parts = new ArrayList<>();
    for (Runbook runbook : catalog.get().runbooks()) {
      List<String> order = runbook.order(choreography.names());
      if (order.isEmpty()) {
        continue;
      }
      List<WaveProgress> waves =
          WaveProgress.of(
              choreography,
              runbook.id(),
              order,
              runbook.revision().id(),
              rollouts.completed(runbook.id()),
              active);
      parts.add(
          FleetStatusView.render(
              runbook.id(),
              runbook.revision().shortId(),
              waves,
              rollout ->
                  rollout
                      .thread()
                      .threadId()
                      .map(ts -> MessageLinks.link(rollout.thread().channel(), ts))));
    }
    return parts.isEmpty() ? "No runbook applies to the fleet." : String.join("\n\n", parts);
  }

  /**
   * The risk register: each runbook's open findings, those its current revision covers closed on
   * the way. An unknown runbook is told with the runbooks there are.
   */
  SlackMessage risks(Optional<String> runbookId) {
    if (runbookId.isPresent()) {
      Optional<Runbook> runbook = catalog.get().find(runbookId.get());
      if (runbook.isEmpty()) {
        return SlackMessage.ofText(
            ":question: no runbook "
                + Mrkdwn.escape(runbookId.get())
                + " (runbooks: "
                + Mrkdwn.escape(
                    String.join(", ", catalog.get().runbooks().stream().map(Runbook::id).toList()))
                + ")");
      }
      return RisksView.render(findings.openAgainst(runbook.get()), runbookId);
    }
    List<RunbookFinding> open = new ArrayList<>();
    for (Runbook runbook : catalog.get().runbooks()) {
      open.addAll(findings.openAgainst(runbook));
    }
    return RisksView.render(open, Optional.empty());
  }

  String list() {
    List<Runbook> runbooks = catalog.get().runbooks();
    if (runbooks.isEmpty()) {
      return "No runbooks are loaded.";
    }
    StringBuilder text = new StringBuilder("*Runbooks*");
    for (Runbook runbook : runbooks) {
      Set<String> done =
          rollouts.completed(runbook.id()).stream()
              .map(CompletedRun::partition)
              .collect(Collectors.toSet());
      text.append("\n• *")
          .append(runbook.id())
          .append("* — ")
          .append(Mrkdwn.fromMarkdown(runbook.title()))
          .append(": ")
          .append(
              runbook.order(choreography.names()).stream()
                  .map(p -> p + (done.contains(p) ? " :white_check_mark:" : " ·"))
                  .collect(Collectors.joining("  ")));
    }
    return text.toString();
  }

  /** A runbook's figures; a runbook not in the catalog is answered with the ones that are. */
  SlackMessage stats(String runbookId) {
    List<Runbook> runbooks = catalog.get().runbooks();
    Optional<Runbook> runbook = runbooks.stream().filter(r -> r.id().equals(runbookId)).findFirst();
    if (runbook.isEmpty()) {
      return SlackMessage.ofText(
          runbooks.isEmpty()
              ? ":question: no runbook " + Mrkdwn.escape(runbookId) + ": no runbooks are loaded"
              : ":question: no runbook "
                  + Mrkdwn.escape(runbookId)
                  + "; the runbooks are "
                  + runbooks.stream()
                      .map(r -> "`" + Mrkdwn.escape(r.id()) + "`")
                      .collect(Collectors.joining(", ")));
    }
    RunbookStats stats = history.stats(runbookId);
    if (stats.isEmpty()) {
      return SlackMessage.ofText(
          Mrkdwn.escape(runbookId)
              + " has no history yet: its figures"
              + " come once a rollout of it ends (`/rollout <partition> "
              + Mrkdwn.escape(runbookId)
              + "` starts one)");
    }
    return StatsView.render(
        stats, runbook.get().title(), runbook.get().order(choreography.names()), history.limit());
  }

  private static String label(StepRun step) {
    return step.state() == StepState.FAILED ? ":x: failed" : "";
  }
}
