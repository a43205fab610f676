package dev.shepherd.schedule;

import dev.shepherd.rollout.TimedEvents;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Gives Quartz jobs their collaborators, so no job reaches for a static. */
final class TimerJobFactory implements JobFactory {
  private final TimedEvents events;

  TimerJobFactory(TimedEvents events) {
    this.events = events;
  }

  @Override
  public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) {
    return new TimerJob(events);
  }
}
