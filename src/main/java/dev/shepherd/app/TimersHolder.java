package dev.shepherd.app;

import dev.shepherd.chat.RolloutTimers;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.schedule.QuartzTimers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The timers Slack is given before they exist: Slack posts what the timers fire, and the timers
 * watch what Slack changed, so one of the two must be built first. Watches nothing until {@link
 * #set}; closing it closes the timers it holds.
 */
final class TimersHolder implements RolloutTimers, AutoCloseable {
  private final AtomicReference<RolloutTimers> timers = new AtomicReference<>(RolloutTimers.NONE);
  private final AtomicReference<QuartzTimers> quartz = new AtomicReference<>();

  void set(QuartzTimers started) {
    quartz.set(started);
    timers.set(started);
  }

  @Override
  public void watch(Rollout rollout) {
    timers.get().watch(rollout);
  }

  @Override
  public List<Duration> reminders(Rollout rollout) {
    return timers.get().reminders(rollout);
  }

  @Override
  public void close() {
    QuartzTimers started = quartz.getAndSet(null);
    timers.set(RolloutTimers.NONE);
    if (started != null) {
      started.close();
    }
  }
}
