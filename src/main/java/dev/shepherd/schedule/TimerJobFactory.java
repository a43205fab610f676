package dev.shepherd.schedule;

import dev.shepherd.chat.TimedEvents;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Gives Quartz jobs their collaborators, so no job reaches for a static. */
final class TimerJobFactory implements JobFactory {
  private final TimedEvents events;
  private final io.micrometer.core.instrument.MeterRegistry registry;

  TimerJobFactory(TimedEvents events, io.micrometer.core.instrument.MeterRegistry registry) {
    this.events = events;
    this.registry = registry;
  }

  @Override
  public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) {
    return new TimerJob(events, registry);
  }
}
