package dev.shepherd.schedule;

import dev.shepherd.audit.Phase;
import dev.shepherd.chat.RolloutTimers;
import dev.shepherd.chat.TimedEvents;
import dev.shepherd.config.Config;
import dev.shepherd.format.Durations;
import dev.shepherd.format.LogLines;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.Soak;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.rollout.engine.RolloutService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduling adapter's one entry point: Quartz with its JDBC job store in Shepherd's own
 * database (tables from the Flyway migrations), clustered on PostgreSQL so each timer fires on
 * exactly one replica. Jobs carry only ids; {@link TimedEvents} decides at fire time.
 */
public final class QuartzTimers implements RolloutTimers, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QuartzTimers.class);
  static final String GROUP = "shepherd";

  private final Scheduler scheduler;
  private final RolloutService rollouts;
  private final Config config;
  private final Clock clock;

  /**
   * @param clustered true on PostgreSQL with several replicas: Quartz then coordinates through its
   *     lock rows, and a dead replica's timers are taken over after {@code checkin}
   */
  public QuartzTimers(
      DataSource dataSource,
      boolean postgres,
      boolean clustered,
      Duration checkin,
      RolloutService rollouts,
      TimedEvents events,
      Config config,
      Clock clock,
      io.micrometer.core.instrument.MeterRegistry registry) {
    this.rollouts = rollouts;
    this.config = config;
    this.clock = clock;
    String source = "shepherd-" + UUID.randomUUID();
    DBConnectionManager.getInstance().addConnectionProvider(source, new Provider(dataSource));
    Properties properties = new Properties();
    properties.setProperty("org.quartz.scheduler.instanceName", "shepherd");
    properties.setProperty("org.quartz.scheduler.instanceId", host() + "-" + UUID.randomUUID());
    properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    properties.setProperty("org.quartz.threadPool.threadCount", "3");
    // A replica hears of timers it set itself at once, but of a peer's (or of triggers a stopped
    // peer handed back) only when it next looks: look every 2 s rather than Quartz's 30 s.
    properties.setProperty("org.quartz.scheduler.idleWaitTime", "2000");
    properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    properties.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        postgres
            ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
            : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    properties.setProperty("org.quartz.jobStore.dataSource", source);
    properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    properties.setProperty("org.quartz.jobStore.useProperties", "true");
    properties.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
    properties.setProperty("org.quartz.jobStore.isClustered", String.valueOf(clustered));
    properties.setProperty(
        "org.quartz.jobStore.clusterCheckinInterval", String.valueOf(checkin.toMillis()));
    try {
      this.scheduler = new StdSchedulerFactory(properties).getScheduler();
      // Quartz keeps schedulers in a JVM-wide registry by name; every replica of a cluster must
      // share the name, so a second instance in one JVM (tests, the sandbox) needs it removed.
      SchedulerRepository.getInstance().remove("shepherd");
      scheduler.setJobFactory(new TimerJobFactory(events, registry));
      scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the scheduler: " + e.getMessage(), e);
    }
  }

  @Override
  public void watch(Rollout rollout) {
    try {
      if (rollout.state() == RolloutState.SCHEDULED && rollout.scheduledFor().isPresent()) {
        Instant at = rollout.scheduledFor().get();
        for (Duration before : reminders(rollout)) {
          Instant when = at.minus(before);
          if (when.isAfter(clock.instant())) {
            ensure(TimerJob.reminder(rollout.id(), before), when);
          }
        }
        ensure(TimerJob.due(rollout.id()), at);
      }
      if (rollout.state() == RolloutState.COMPLETED) {
        // Only the rollout that completed its wave gets one; the job re-checks when it fires.
        Optional<Soak> soaked = rollouts.soakAfter(rollout);
        if (soaked.isPresent()) {
          ensure(TimerJob.soaked(rollout.id()), soaked.get().at());
        }
      }
      if (rollout.state() == RolloutState.RUNNING || rollout.state() == RolloutState.ROLLING_BACK) {
        for (StepRun step : rollout.steps(rollout.phase())) {
          if (step.state() == StepState.POSTED && step.postedAt().isPresent()) {
            Config.Watch watch = config.watch(rollout.partition());
            Instant posted = step.postedAt().get();
            ensure(
                TimerJob.stall(rollout.id(), step.phase(), step.position(), posted, false),
                posted.plus(watch.stallAfter()));
            ensure(
                TimerJob.stall(rollout.id(), step.phase(), step.position(), posted, true),
                posted.plus(watch.escalateAfter()));
          }
        }
      }
    } catch (SchedulerException e) {
      // The sweep calls watch again; a timer missing for a minute is not lost.
      log.warn("rollout {}: cannot set its timers now: {}", rollout.id(), e.getMessage());
    }
  }

  /** The reminder offsets: the runbook's own, else the config's. */
  @Override
  public List<Duration> reminders(Rollout rollout) {
    List<String> own = rollouts.pinned(rollout).map(r -> r.runbook().reminders()).orElse(List.of());
    if (own.isEmpty()) {
      return config.reminders();
    }
    List<Duration> offsets = new ArrayList<>();
    for (String text : own) {
      Durations.parse(text)
          .ifPresentOrElse(
              offsets::add,
              () ->
                  log.warn(
                      "rollout {}: reminder \"{}\" in {} is not a duration; skipped",
                      rollout.id(),
                      LogLines.escaped(text),
                      LogLines.escaped(rollout.runbook().path())));
    }
    return offsets;
  }

  private void ensure(JobDetail job, Instant when) throws SchedulerException {
    if (scheduler.checkExists(job.getKey())) {
      return;
    }
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(job.getKey().getName(), GROUP)
            .startAt(Date.from(when))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
            .build();
    try {
      scheduler.scheduleJob(job, trigger);
    } catch (ObjectAlreadyExistsException raced) {
      // another replica set the same timer a moment ago: one is enough
    }
  }

  /** Whether a timer is set (tests look, to know a watch took effect). */
  public boolean isSet(String name) throws SchedulerException {
    return scheduler.checkExists(new JobKey(name, GROUP));
  }

  /** Stops taking timers and waits for the running ones to finish. */
  @Override
  public void close() {
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      log.warn("scheduler did not stop cleanly: {}", e.getMessage());
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "shepherd";
    }
  }

  /** Hands Quartz connections from Shepherd's own pool. */
  private static final class Provider implements ConnectionProvider {
    private final DataSource dataSource;

    Provider(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
      // the pool belongs to the Database, which closes it
    }

    @Override
    public void initialize() {
      // nothing to set up
    }
  }

  static Phase phase(String text) {
    return Phase.valueOf(text.toUpperCase(Locale.ROOT));
  }
}
