package dev.shepherd.slack.posting;

import com.slack.api.model.block.ActionsBlock;
import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.ChainHead;
import dev.shepherd.audit.Redaction;
import dev.shepherd.audit.Redactions;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.rollout.ChecklistState;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.rollout.Summary;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.Step;
import dev.shepherd.slack.view.FailureMessageView;
import dev.shepherd.slack.view.RollbackStepView;
import dev.shepherd.slack.view.RootMessageView;
import dev.shepherd.slack.view.ScheduleView;
import dev.shepherd.slack.view.SlackMessage;
import dev.shepherd.slack.view.StepMessageView;
import dev.shepherd.slack.view.SummaryMessageView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which messages a rollout's thread should have, each under its ledger key, in the order they are
 * posted: a value drawn from the rollout's state alone, without Slack or the database.
 *
 * @param messages the messages after the root (see {@link #root}), in posting order
 */
public record ThreadPlan(List<Planned> messages) {
  public ThreadPlan {
    messages = List.copyOf(messages);
  }

  /**
   * One message of the thread.
   *
   * @param key the message's key in the ledger, such as {@code step:forward:2}
   * @param inThread false for a message in the channel itself (the root, the summary)
   */
  public record Planned(String key, SlackMessage message, boolean inThread) {}

  /**
   * What the thread is drawn from.
   *
   * @param runbook the pinned runbook, rendered for the rollout's partition
   * @param location where the runbook is, as its messages link it
   * @param trail the rollout's acknowledgements, its redactions too
   * @param summary the ended rollout's summary; empty while it runs
   * @param findings what the rollout found, for the summary
   * @param keys the keys already in the ledger: reminders and the T-0 message exist only there
   * @param checklist the checklist as it stands, for the reminders and the T-0 message
   * @param head the newest link of the rollout's chain, which the summary carries as a witness
   */
  public record State(
      Rollout rollout,
      Runbook runbook,
      boolean isProtected,
      String location,
      List<Acknowledgement> trail,
      Optional<Summary> summary,
      List<RunbookFinding> findings,
      List<String> keys,
      List<ChecklistState> checklist,
      Optional<ChainHead> head) {
    public State(
        Rollout rollout,
        Runbook runbook,
        boolean isProtected,
        String location,
        List<Acknowledgement> trail,
        Optional<Summary> summary,
        List<RunbookFinding> findings,
        List<String> keys,
        List<ChecklistState> checklist) {
      this(
          rollout,
          runbook,
          isProtected,
          location,
          trail,
          summary,
          findings,
          keys,
          checklist,
          Optional.empty());
    }

    public State {
      Objects.requireNonNull(head, "head");
      Objects.requireNonNull(rollout, "rollout");
      trail = List.copyOf(trail);
      findings = List.copyOf(findings);
      keys = List.copyOf(keys);
      checklist = List.copyOf(checklist);
    }
  }

  /** The root message, whose ts names the thread; it is posted before the rest is planned. */
  public static Planned root(Rollout rollout, Runbook runbook, String location) {
    return new Planned("root", RootMessageView.render(rollout, runbook, location), false);
  }

  /** Whether the ledger holds messages the timers posted, which the plan redraws. */
  public static boolean hasScheduleMessages(List<String> keys) {
    return keys.stream().anyMatch(k -> k.startsWith("reminder:") || k.equals("due"));
  }

  /** Whether an ended rollout's summary belongs in the channel. */
  public static boolean wantsSummary(Rollout rollout) {
    return !rollout.state().isActive() && rollout.startedAt().isPresent();
  }

  /** The messages after the root, in the order they are posted. */
  public static ThreadPlan of(State state) {
    Rollout rollout = state.rollout();
    List<Planned> planned = new ArrayList<>();
    scheduleMessages(state, planned);
    if (wantsSummary(rollout) && state.summary().isPresent()) {
      // The channel's summary first: ending a rollout also redraws every step message (each
      // says how the rollout ended), one chat.update per step, which would hold the summary
      // back by seconds on a long runbook. The summary is in the channel, not the thread, so
      // the thread's order is unchanged.
      planned.add(
          new Planned(
              "summary",
              SummaryMessageView.render(
                  state.summary().get(), state.findings(), state.location(), state.head()),
              false));
    }
    Map<Long, Redaction> redactions = Redactions.in(state.trail());
    for (StepRun run : rollout.steps()) {
      if (run.state() == StepState.PENDING) {
        continue;
      }
      Step step = state.runbook().steps().get(run.runbookStep() - 1);
      List<Acknowledgement> notes = notes(state.trail(), run);
      all(
          planned,
          "step:forward:" + run.position(),
          StepMessageView.render(
              rollout,
              run,
              step,
              state.isProtected(),
              state.location(),
              notes.size(),
              (int) notes.stream().filter(n -> redactions.containsKey(n.id())).count()));
      failures(state, run, step, planned);
    }
    for (StepRun run : rollout.rollbackSteps()) {
      if (run.state() == StepState.PENDING) {
        continue;
      }
      Step step = state.runbook().steps().get(run.runbookStep() - 1);
      all(
          planned,
          "step:rollback:" + run.position(),
          RollbackStepView.render(rollout, run, step, state.isProtected(), state.location()));
      failures(state, run, step, planned);
    }
    return new ThreadPlan(planned);
  }

  /** The keys, in posting order. */
  public List<String> keys() {
    return messages.stream().map(Planned::key).toList();
  }

  /** The message under {@code key}. */
  public Optional<SlackMessage> message(String key) {
    return messages.stream().filter(p -> p.key().equals(key)).map(Planned::message).findFirst();
  }

  /** Reminders and the T-0 message, already posted, redrawn as the checklist and state change. */
  private static void scheduleMessages(State state, List<Planned> planned) {
    if (!hasScheduleMessages(state.keys())) {
      return;
    }
    Rollout rollout = state.rollout();
    for (String key : state.keys()) {
      if (key.startsWith("reminder:")) {
        Duration before = Duration.ofSeconds(Long.parseLong(key.substring("reminder:".length())));
        SlackMessage reminder = ScheduleView.reminder(rollout, state.checklist(), before);
        planned.add(
            new Planned(key, rollout.waitingToStart() ? reminder : withoutButtons(reminder), true));
      } else if (key.equals("due")) {
        planned.add(
            new Planned(
                key,
                ScheduleView.due(
                    rollout, state.checklist(), rollout.state() == RolloutState.CHECKLIST),
                true));
      }
    }
  }

  /** A failed step's troubleshooting, once per failure; its buttons go once it moved on. */
  private static void failures(State state, StepRun run, Step step, List<Planned> planned) {
    Rollout rollout = state.rollout();
    List<Acknowledgement> failed =
        state.trail().stream()
            .filter(a -> a.accepted() && a.action() == Action.FAIL)
            .filter(
                a ->
                    a.phase().equals(Optional.of(run.phase()))
                        && a.position().equals(Optional.of(run.position())))
            .toList();
    for (int i = 0; i < failed.size(); i++) {
      boolean live =
          i == failed.size() - 1 && run.state() == StepState.FAILED && rollout.state().isActive();
      List<SlackMessage> drawn =
          FailureMessageView.render(rollout, run, step, state.isProtected(), state.location());
      all(
          planned,
          "failure:" + run.phase().label() + ":" + run.position() + ":" + (i + 1),
          live ? drawn : drawn.stream().map(ThreadPlan::withoutButtons).toList());
    }
  }

  /** A message drawn in parts: the first under the key, the rest under {@code key#1}, …. */
  private static void all(List<Planned> planned, String key, List<SlackMessage> messages) {
    for (int i = 0; i < messages.size(); i++) {
      planned.add(new Planned(i == 0 ? key : key + "#" + i, messages.get(i), true));
    }
  }

  /**
   * The notes and symptoms a step has on the record, redacted ones too, for its message to count.
   */
  private static List<Acknowledgement> notes(List<Acknowledgement> trail, StepRun run) {
    return trail.stream()
        .filter(
            a ->
                a.accepted()
                    && (a.action() == Action.NOTE || a.action() == Action.SYMPTOM)
                    && a.phase().equals(Optional.of(run.phase()))
                    && a.position().equals(Optional.of(run.position())))
        .toList();
  }

  static SlackMessage withoutButtons(SlackMessage message) {
    return new SlackMessage(
        message.text(),
        message.blocks().stream().filter(b -> !(b instanceof ActionsBlock)).toList());
  }
}
