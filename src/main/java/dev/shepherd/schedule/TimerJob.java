package dev.shepherd.schedule;

import dev.shepherd.audit.Phase;
import dev.shepherd.chat.TimedEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One timer of a rollout. Its data is ids and numbers only (the job store keeps them as text). When
 * the event fails (Slack down), the job sets itself again with a growing back-off rather than
 * dropping the event.
 */
final class TimerJob implements Job {
  private static final Logger log = LoggerFactory.getLogger(TimerJob.class);
  private static final int MAX_ATTEMPTS = 12;

  private final TimedEvents events;
  private final io.micrometer.core.instrument.MeterRegistry registry;

  TimerJob(TimedEvents events, io.micrometer.core.instrument.MeterRegistry registry) {
    this.events = events;
    this.registry = registry;
  }

  static JobDetail reminder(String rolloutId, Duration before) {
    return job("reminder:" + rolloutId + ":" + before.getSeconds(), "reminder", rolloutId)
        .usingJobData("beforeSeconds", String.valueOf(before.getSeconds()))
        .build();
  }

  static JobDetail due(String rolloutId) {
    return job("due:" + rolloutId, "due", rolloutId).build();
  }

  static JobDetail soaked(String rolloutId) {
    return job("soaked:" + rolloutId, "soaked", rolloutId).build();
  }

  static JobDetail stall(
      String rolloutId, Phase phase, int position, Instant postedAt, boolean escalate) {
    String kind = escalate ? "escalate" : "nudge";
    return job(
            kind
                + ":"
                + rolloutId
                + ":"
                + phase.label()
                + ":"
                + position
                + ":"
                + postedAt.toEpochMilli(),
            kind,
            rolloutId)
        .usingJobData("phase", phase.label())
        .usingJobData("position", String.valueOf(position))
        .usingJobData("postedAt", String.valueOf(postedAt.toEpochMilli()))
        .build();
  }

  private static JobBuilder job(String name, String kind, String rolloutId) {
    return JobBuilder.newJob(TimerJob.class)
        .withIdentity(name, QuartzTimers.GROUP)
        .usingJobData("kind", kind)
        .usingJobData("rolloutId", rolloutId)
        .requestRecovery(true);
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    JobDataMap data = context.getMergedJobDataMap();
    String kind = data.getString("kind");
    String rolloutId = data.getString("rolloutId");
    try {
      switch (kind) {
        case "reminder" ->
            events.remind(
                rolloutId, Duration.ofSeconds(Long.parseLong(data.getString("beforeSeconds"))));
        case "due" -> events.due(rolloutId);
        case "soaked" -> events.soaked(rolloutId);
        default ->
            events.stalled(
                rolloutId,
                QuartzTimers.phase(data.getString("phase")),
                Integer.parseInt(data.getString("position")),
                Instant.ofEpochMilli(Long.parseLong(data.getString("postedAt"))),
                kind.equals("escalate"));
      }
      registry.counter("shepherd.timers.fired", "kind", kind, "outcome", "ok").increment();
    } catch (Exception e) {
      registry.counter("shepherd.timers.fired", "kind", kind, "outcome", "retry").increment();
      retry(context, kind, rolloutId, e);
    }
  }

  private static void retry(
      JobExecutionContext context, String kind, String rolloutId, Exception failure)
      throws JobExecutionException {
    int attempt =
        context.getTrigger().getJobDataMap().containsKey("attempt")
            ? Integer.parseInt(context.getTrigger().getJobDataMap().getString("attempt"))
            : 0;
    if (attempt + 1 >= MAX_ATTEMPTS) {
      log.error(
          "rollout {}: {} failed {} times, giving up: {}",
          rolloutId,
          kind,
          MAX_ATTEMPTS,
          failure.toString());
      return;
    }
    long seconds = Math.min(300, 5L << Math.min(attempt, 6));
    log.warn(
        "rollout {}: {} failed ({}), trying again in {}s",
        rolloutId,
        kind,
        failure.toString(),
        seconds);
    Trigger again =
        TriggerBuilder.newTrigger()
            .forJob(context.getJobDetail().getKey())
            .withIdentity(
                context.getJobDetail().getKey().getName() + ":retry:" + (attempt + 1),
                QuartzTimers.GROUP)
            .usingJobData("attempt", String.valueOf(attempt + 1))
            .startAt(new Date(System.currentTimeMillis() + seconds * 1000))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
            .build();
    try {
      context.getScheduler().scheduleJob(again);
    } catch (SchedulerException e) {
      throw new JobExecutionException("cannot set the retry of " + kind + " for " + rolloutId, e);
    }
  }
}
