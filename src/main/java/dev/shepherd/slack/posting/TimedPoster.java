package dev.shepherd.slack.posting;

import dev.shepherd.audit.Phase;
import dev.shepherd.chat.RolloutTimers;
import dev.shepherd.chat.TimedEvents;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.Soak;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.slack.view.ScheduleView;
import dev.shepherd.slack.view.SoakView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a timer posts when it fires: a checklist reminder, the T-0 message, a nudge or an
 * escalation. Each looks at the rollout first (a cancelled or started rollout gets nothing) and
 * posts through the message ledger, so a timer that fires twice posts once.
 */
public final class TimedPoster implements TimedEvents {
  private static final Logger log = LoggerFactory.getLogger(TimedPoster.class);

  private final RolloutService rollouts;
  private final ThreadSync sync;
  private final Clock clock;

  private final RolloutTimers timers;

  public TimedPoster(RolloutService rollouts, ThreadSync sync, Clock clock, RolloutTimers timers) {
    this.timers = timers;
    this.rollouts = rollouts;
    this.sync = sync;
    this.clock = clock;
  }

  @Override
  public void remind(String rolloutId, Duration before) throws Exception {
    Optional<Rollout> found = rollouts.find(rolloutId);
    if (found.isEmpty() || found.get().state() != RolloutState.SCHEDULED) {
      log.info(
          "rollout {}: reminder {} before T-0 skipped, the rollout is {}",
          rolloutId,
          before,
          found.map(r -> r.state().label()).orElse("gone"));
      return;
    }
    Rollout rollout = found.get();
    Instant at = rollout.scheduledFor().orElseThrow();
    if (!clock.instant().isBefore(at)) {
      log.info(
          "rollout {}: reminder {} before T-0 dropped, its moment passed while Shepherd was"
              + " down",
          rolloutId,
          before);
      return;
    }
    Optional<String> thread = thread(rollout);
    sync.post(
        rollout,
        "reminder:" + before.getSeconds(),
        thread,
        ScheduleView.reminder(rollout, rollouts.checklist(rollout), before));
  }

  @Override
  public void due(String rolloutId) throws Exception {
    rollouts.due(rolloutId);
    Optional<Rollout> found = rollouts.find(rolloutId);
    if (found.isEmpty() || found.get().state() != RolloutState.CHECKLIST) {
      log.info(
          "rollout {}: T-0 found it {}; nothing to post",
          rolloutId,
          found.map(r -> r.state().label()).orElse("gone"));
      return;
    }
    Rollout rollout = found.get();
    sync.post(
        rollout,
        "due",
        thread(rollout),
        ScheduleView.due(rollout, rollouts.checklist(rollout), true));
  }

  @Override
  public void stalled(
      String rolloutId, Phase phase, int position, Instant postedAt, boolean escalate)
      throws Exception {
    Optional<Rollout> found = rollouts.find(rolloutId);
    Optional<StepRun> step = found.flatMap(r -> r.step(phase, position));
    boolean waiting =
        found.map(r -> r.state().isActive()).orElse(false)
            && step.map(
                    s ->
                        s.state() == StepState.POSTED && s.postedAt().equals(Optional.of(postedAt)))
                .orElse(false);
    if (!waiting) {
      return; // the step moved: nudges stop
    }
    Rollout rollout = found.get();
    Duration waited = Duration.between(postedAt, clock.instant());
    String key =
        (escalate ? "escalate:" : "nudge:")
            + phase.label()
            + ":"
            + position
            + ":"
            + postedAt.toEpochMilli();
    Optional<String> thread = thread(rollout);
    if (escalate) {
      String link = MessageLinks.link(rollout.thread().channel(), thread.orElse(""));
      sync.post(
          rollout,
          key,
          Optional.empty(),
          ScheduleView.escalation(rollout, step.get(), waited, link));
    } else {
      sync.post(rollout, key, thread, ScheduleView.nudge(rollout, step.get(), waited));
    }
  }

  @Override
  public void soaked(String rolloutId) throws Exception {
    Optional<Soak> soaked = rollouts.soakDue(rolloutId, clock.instant());
    Optional<Rollout> found = rollouts.find(rolloutId);
    if (soaked.isEmpty() || found.isEmpty()) {
      log.info("rollout {}: soak announcement skipped, it no longer holds", rolloutId);
      return;
    }
    sync.post(found.get(), "soaked", Optional.empty(), SoakView.render(soaked.get()));
  }

  /**
   * The sweep's safety net under the timers: a scheduled rollout whose reminder moment passed (and
   * T-0 did not) gets that reminder, and one past T-0 gets its T-0 message, even when a timer was
   * lost with a replica. The message ledger keeps each to one post.
   */
  public boolean catchUp(String rolloutId) {
    Optional<Rollout> found = rollouts.find(rolloutId);
    if (found.isEmpty()
        || found.get().state() != RolloutState.SCHEDULED
        || found.get().scheduledFor().isEmpty()) {
      return true;
    }
    Rollout rollout = found.get();
    Instant at = rollout.scheduledFor().get();
    Instant now = clock.instant();
    try {
      if (!now.isBefore(at)) {
        due(rolloutId);
        return true;
      }
      for (Duration before : timers.reminders(rollout)) {
        // a second's grace: the timer itself usually posts it first
        if (now.isAfter(at.minus(before).plusSeconds(1))) {
          remind(rolloutId, before);
        }
      }
      return true;
    } catch (Exception e) {
      log.warn(
          "rollout {}: catching up on its reminders failed, will try again: {}",
          rolloutId,
          e.toString());
      return false;
    }
  }

  /** The thread's root, posting it first when the thread does not exist yet. */
  private Optional<String> thread(Rollout rollout) throws Exception {
    if (rollout.thread().threadId().isEmpty() && !sync.sync(rollout.id())) {
      throw new IllegalStateException("the thread of " + rollout.id() + " could not be posted yet");
    }
    return rollouts.find(rollout.id()).flatMap(r -> r.thread().threadId());
  }
}
