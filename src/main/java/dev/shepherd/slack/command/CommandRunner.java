package dev.shepherd.slack.command;

import dev.shepherd.chat.RolloutTimers;
import dev.shepherd.learning.finding.FindingService;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.learning.stats.RunbookHistory;
import dev.shepherd.learning.stats.RunbookStats;
import dev.shepherd.partition.Choreography;
import dev.shepherd.rollout.CompletedRun;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StartRequest;
import dev.shepherd.rollout.WaveProgress;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.slack.posting.MessageLinks;
import dev.shepherd.slack.posting.SyncWorker;
import dev.shepherd.slack.view.FleetStatusView;
import dev.shepherd.slack.view.RefusalText;
import dev.shepherd.slack.view.RisksView;
import dev.shepherd.slack.view.RunbookChoiceView;
import dev.shepherd.slack.view.RunbookListView;
import dev.shepherd.slack.view.ScheduleReplyView;
import dev.shepherd.slack.view.SlackMessage;
import dev.shepherd.slack.view.StatsView;
import dev.shepherd.slack.view.StatusView;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the {@code /rollout} verbs that read (status, list, risks, stats) or plan (schedule) do:
 * gathers what they show and hands it to the views. Verbs that only call the engine are called on
 * {@link RolloutService} by their listener.
 */
public final class CommandRunner {
  private final RolloutService rollouts;
  private final Supplier<Catalog> catalog;
  private final Choreography choreography;
  private final Clock clock;
  private final ZoneId zone;
  private final RolloutTimers timers;
  private final FindingService findings;
  private final RunbookHistory history;

  public CommandRunner(
      RolloutService rollouts,
      Supplier<Catalog> catalog,
      Choreography choreography,
      Clock clock,
      ZoneId zone,
      RolloutTimers timers,
      FindingService findings,
      RunbookHistory history) {
    this.rollouts = rollouts;
    this.catalog = catalog;
    this.choreography = choreography;
    this.clock = clock;
    this.zone = zone;
    this.timers = timers;
    this.findings = findings;
    this.history = history;
  }

  /**
   * The partitions a user approves by name in the config (a Slack group's members are not listed
   * here).
   */
  Set<String> approvedBy(String user) {
    return choreography.partitions().stream()
        .filter(p -> rollouts.keepersOf(p).contains(user))
        .map(p -> p.name())
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  /** Plans a rollout; answers with the time as each reader's own clock shows it. */
  String schedule(
      CommandText.Schedule schedule,
      String user,
      String channel,
      String key,
      Optional<String> team,
      SyncWorker worker) {
    Optional<Instant> at = ScheduleTime.parse(schedule.when(), zone, clock);
    if (at.isEmpty()) {
      return ScheduleReplyView.unreadable(schedule.when(), ScheduleTime.examples(zone));
    }
    Outcome outcome =
        rollouts.schedule(
            new StartRequest(
                schedule.runbook(),
                schedule.partition(),
                user,
                channel,
                Optional.empty(),
                key,
                team),
            at.get());
    if (outcome.refusalMessage().isPresent()) {
      return RefusalText.render(outcome.refusalMessage().get());
    }
    // Set the reminders now, before any Slack call: a slow Slack must not make them miss.
    outcome.rollout().ifPresent(timers::watch);
    outcome.rollout().map(Rollout::id).ifPresent(worker::sync);
    return ScheduleReplyView.scheduled(schedule.runbook(), schedule.partition(), at.get());
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
          Optional.empty(), RunbookChoiceView.noPartition(partition, choreography.names()));
    }
    List<Runbook> applicable = catalog.get().forPartition(partition);
    if (applicable.size() == 1) {
      return new Choice(Optional.of(applicable.get(0).id()), "");
    }
    if (applicable.isEmpty()) {
      return new Choice(Optional.empty(), RunbookChoiceView.noRunbook(partition));
    }
    SlackMessage buttons = RunbookChoiceView.render(partition, applicable);
    return new Choice(Optional.empty(), buttons.text(), Optional.of(buttons));
  }

  /** What is running and frozen, as {@code user} may see it: rollouts of channels they can read. */
  String status(String user) {
    List<Rollout> active =
        rollouts.active().stream().filter(r -> rollouts.canSee(r, user)).toList();
    return StatusView.render(
        choreography.declaresWaves() ? Optional.of(fleetStatus(active)) : Optional.empty(),
        active,
        rollouts.freezes(),
        CommandRunner::threadLink);
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
              runbook.id(), runbook.revision().shortId(), waves, CommandRunner::threadLink));
    }
    return StatusView.fleet(parts);
  }

  private static Optional<String> threadLink(Rollout rollout) {
    return rollout.thread().threadId().map(ts -> MessageLinks.link(rollout.thread().channel(), ts));
  }

  /**
   * The risk register: each runbook's open findings, those its current revision covers closed on
   * the way. An unknown runbook is told with the runbooks there are.
   */
  SlackMessage risks(Optional<String> runbookId, String user) {
    if (runbookId.isPresent()) {
      Optional<Runbook> runbook = catalog.get().find(runbookId.get());
      if (runbook.isEmpty()) {
        return RisksView.unknownRunbook(runbookId.get(), ids(catalog.get().runbooks()));
      }
      return RisksView.render(visible(findings.openAgainst(runbook.get()), user), runbookId);
    }
    List<RunbookFinding> open = new ArrayList<>();
    for (Runbook runbook : catalog.get().runbooks()) {
      open.addAll(visible(findings.openAgainst(runbook), user));
    }
    return RisksView.render(open, Optional.empty());
  }

  /** Findings of rollouts whose channel {@code user} can read. */
  private List<RunbookFinding> visible(List<RunbookFinding> found, String user) {
    return found.stream().filter(f -> rollouts.canSee(f.rolloutId(), user)).toList();
  }

  /** Each runbook and where it completed, counting only rollouts {@code user} can see. */
  String list(String user) {
    List<RunbookListView.Row> rows = new ArrayList<>();
    for (Runbook runbook : catalog.get().runbooks()) {
      Set<String> done =
          rollouts.completed(runbook.id()).stream()
              .filter(run -> rollouts.canSee(run.rolloutId(), user))
              .map(CompletedRun::partition)
              .collect(Collectors.toSet());
      rows.add(new RunbookListView.Row(runbook, runbook.order(choreography.names()), done));
    }
    return RunbookListView.render(rows);
  }

  /** A runbook's figures; a runbook not in the catalog is answered with the ones that are. */
  SlackMessage stats(String runbookId, String user) {
    List<Runbook> runbooks = catalog.get().runbooks();
    Optional<Runbook> runbook = runbooks.stream().filter(r -> r.id().equals(runbookId)).findFirst();
    if (runbook.isEmpty()) {
      return StatsView.unknownRunbook(runbookId, ids(runbooks));
    }
    RunbookStats stats = history.stats(runbookId, r -> rollouts.canSee(r, user));
    if (stats.isEmpty()) {
      return StatsView.noHistory(runbookId);
    }
    return StatsView.render(
        stats, runbook.get().title(), runbook.get().order(choreography.names()), history.limit());
  }

  private static List<String> ids(List<Runbook> runbooks) {
    return runbooks.stream().map(Runbook::id).toList();
  }
}
