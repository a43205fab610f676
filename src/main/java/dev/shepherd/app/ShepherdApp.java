package dev.shepherd.app;

import dev.shepherd.chat.RolloutTimers;
import dev.shepherd.cli.SourceOptions;
import dev.shepherd.config.Config;
import dev.shepherd.config.ServeSettings;
import dev.shepherd.learning.finding.FindingRiskRegister;
import dev.shepherd.learning.finding.FindingService;
import dev.shepherd.learning.finding.RolloutFindings;
import dev.shepherd.learning.retro.RetrospectiveDrafter;
import dev.shepherd.learning.stats.RunbookHistory;
import dev.shepherd.learning.writeback.Proposal;
import dev.shepherd.learning.writeback.ProposalWriter;
import dev.shepherd.lint.PartitionSafety;
import dev.shepherd.lint.Problem;
import dev.shepherd.metrics.AckTimer;
import dev.shepherd.metrics.Metrics;
import dev.shepherd.metrics.RolloutMetrics;
import dev.shepherd.metrics.RunbookStatsMetrics;
import dev.shepherd.rollout.RunbookCheck;
import dev.shepherd.rollout.engine.RecordReader;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.RunbookParser;
import dev.shepherd.runbook.RunbookSource;
import dev.shepherd.sandbox.Sandbox;
import dev.shepherd.schedule.QuartzTimers;
import dev.shepherd.server.HttpServer;
import dev.shepherd.server.ReadinessCheck;
import dev.shepherd.slack.SlackApp;
import dev.shepherd.slack.SlackSettings;
import dev.shepherd.slack.SlackUserGroups;
import dev.shepherd.slack.SocketModeConnection;
import dev.shepherd.slack.interaction.Proposing;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcAuditLog;
import dev.shepherd.store.JdbcFindingStore;
import dev.shepherd.store.JdbcMessageLedger;
import dev.shepherd.store.JdbcRolloutStore;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that wires Shepherd together: config, runbooks, database, engine, Slack and the
 * HTTP server. {@code serve} runs it; the end-to-end tests start it in-process.
 */
public final class ShepherdApp implements Sandbox.Host {
  private static final Logger log = LoggerFactory.getLogger(ShepherdApp.class);

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final HttpServer http;
  private final RolloutService rollouts;
  private final FindingService findings;
  private final Config config;
  private final AtomicReference<Catalog> catalog;

  /** How long {@code /readyz} waits for the database: probes give up after a second. */
  private static final java.time.Duration READINESS_LIMIT = java.time.Duration.ofMillis(800);

  /** How long the runbook stats on {@code /metrics} are kept unless a rollout ends first. */
  private static final java.time.Duration STATS_MAX_AGE = java.time.Duration.ofSeconds(60);

  private ShepherdApp(
      SourceOptions options,
      Map<String, String> env,
      Map<String, HttpServlet> servlets,
      Learning learning)
      throws Exception {
    try {
      SourceOptions.Loaded loaded = options.load(env);
      Config config = loaded.config();
      this.config = config;
      ServeSettings settings = ServeSettings.from(env, config.dataDir());
      AtomicReference<Catalog> catalog = new AtomicReference<>(loaded.catalog());
      this.catalog = catalog;
      Metrics metrics = new Metrics();
      resources.add(metrics);
      Database database =
          Database.open(
              settings.dbUrl(), settings.dbUser(), settings.dbPassword(), null, metrics.registry());
      resources.add(0, database);
      Clock clock = Clock.systemUTC();
      RunbookCheck safety =
          (runbook, partition) ->
              PartitionSafety.check(config, runbook, partition.name()).stream()
                  .filter(f -> f.severity() == Problem.Severity.ERROR)
                  .map(Problem::toString)
                  .toList();
      SlackSettings slackSettings =
          new SlackSettings(
              settings.slackBotToken(),
              settings.slackSigningSecret(),
              settings.slackAppToken(),
              settings.slackApiUrl(),
              settings.postInterval(),
              settings.syncInterval());
      SlackUserGroups groups =
          SlackUserGroups.connect(slackSettings, clock, java.time.Duration.ofMinutes(10));
      new GroupCheck(config, catalog.get(), loaded.pathPrefix()).run(groups);
      JdbcRolloutStore store = new JdbcRolloutStore(database.dataSource());
      RecordReader records = new RecordReader(store, new JdbcAuditLog(database.dataSource()));
      this.findings =
          FindingService.of(
              store,
              records,
              new JdbcFindingStore(database.dataSource()),
              config.choreography(),
              catalog::get,
              clock);
      RunbookHistory history = new RunbookHistory(store);
      RolloutFindings proposed =
          learning.isDerived() ? findings : learning.findings().apply(database);
      ProposalWriter proposals = ProposalsWiring.of(loaded, store, proposed);
      // The retrospective shows the diff but pushes no branch: that is Propose's click alone.
      ProposalWriter diffs = ProposalsWiring.diffs(loaded, store, proposed);
      Function<String, Optional<String>> retrospectives =
          learning.isDerived()
              ? new RetrospectiveDrafter(
                      records,
                      history,
                      findings,
                      id ->
                          Optional.of(diffs.propose(id))
                              .filter(p -> !p.isEmpty())
                              .map(Proposal::diff))
                  ::draft
              : learning.retrospectives().apply(database);
      RolloutMetrics engineMetrics = new RolloutMetrics(metrics.registry());
      RunbookStatsMetrics statsMetrics =
          new RunbookStatsMetrics(
              metrics.registry(), catalog::get, history::stats, clock, STATS_MAX_AGE);
      metrics.beforeScrape(statsMetrics::refresh);
      this.rollouts =
          new RolloutService(
              store,
              config.choreography(),
              catalog::get,
              clock,
              List.of(safety),
              outcome -> {
                engineMetrics.observed(outcome);
                statsMetrics.observed(outcome);
              },
              groups,
              new FindingRiskRegister(findings, store));
      // Slack posts what the timers fire, and the timers watch what Slack changed: the holder
      // breaks the cycle until both exist.
      AtomicReference<RolloutTimers> timers = new AtomicReference<>(RolloutTimers.NONE);
      SlackApp slack =
          new SlackApp(
              slackSettings,
              rollouts,
              new JdbcMessageLedger(
                  database.dataSource(),
                  java.util.UUID.randomUUID().toString(),
                  database.vendor().equals("postgresql")),
              catalog::get,
              config.choreography(),
              clock,
              loaded.pathPrefix(),
              new RolloutTimers() {
                @Override
                public void watch(dev.shepherd.rollout.Rollout rollout) {
                  timers.get().watch(rollout);
                }

                @Override
                public List<java.time.Duration> reminders(dev.shepherd.rollout.Rollout rollout) {
                  return timers.get().reminders(rollout);
                }
              },
              config.timezone(),
              metrics.registry(),
              records,
              findings,
              history,
              new Proposing(
                  proposals::propose,
                  diffs::propose,
                  config.propose() == dev.shepherd.config.Config.Propose.BRANCH),
              retrospectives);
      resources.add(0, slack);
      boolean postgres = database.vendor().equals("postgresql");
      QuartzTimers quartz =
          new QuartzTimers(
              database.dataSource(),
              postgres,
              postgres,
              settings.clusterCheckin(),
              rollouts,
              slack.events(),
              config,
              clock,
              metrics.registry());
      timers.set(quartz);
      // Closed after Slack's worker stops feeding it, before the database goes.
      resources.add(1, quartz);
      resources.add(0, reloader(loaded.source(), catalog, settings));
      List<ReadinessCheck> ready = new ArrayList<>();
      ready.add(ReadinessCheck.of("database", () -> database.problem(READINESS_LIMIT)));
      Optional<SocketModeConnection> socket =
          settings
              .slackAppToken()
              .map(
                  token ->
                      new SocketModeConnection(
                          token,
                          slack.app(),
                          SocketModeConnection.Backoff.DEFAULT,
                          metrics.registry()));
      socket.ifPresent(s -> ready.add(ReadinessCheck.of("slack", s::problem)));
      this.http =
          new HttpServer(
              settings.host(), settings.port(), slack.app(), settings.slackSigningSecret(), ready);
      http.addServlet("/metrics", metrics.servlet());
      http.addFilter("/slack/events", new AckTimer(metrics.registry()));
      servlets.forEach(http::addServlet);
      http.start();
      resources.add(0, http);
      if (socket.isPresent()) {
        resources.add(0, socket.get().start());
      }
      catchUp(findings, loaded.catalog());
      log.info(
          "Shepherd is up on port {} with {} runbooks from {}; {}",
          http.port(),
          loaded.catalog().runbooks().size(),
          loaded.source().describe(),
          settings);
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /** Starts Shepherd as {@code serve} would, with the given environment. */
  public static ShepherdApp start(SourceOptions options, Map<String, String> env) throws Exception {
    return new ShepherdApp(options, env, Map.of(), Learning.DERIVED);
  }

  /**
   * Starts Shepherd as {@code serve} would, with more servlets on its HTTP server (the sandbox's
   * page), keyed by path spec; they are added before the server starts.
   */
  public static ShepherdApp start(
      SourceOptions options, Map<String, String> env, Map<String, HttpServlet> servlets)
      throws Exception {
    return new ShepherdApp(options, env, Map.copyOf(servlets), Learning.DERIVED);
  }

  /**
   * Starts Shepherd as {@code serve} would, reading findings and retrospectives through {@code
   * learning}.
   */
  public static ShepherdApp start(
      SourceOptions options,
      Map<String, String> env,
      Map<String, HttpServlet> servlets,
      Learning learning)
      throws Exception {
    return new ShepherdApp(options, env, Map.copyOf(servlets), learning);
  }

  /**
   * As {@link #start(java.nio.file.Path, String, Map)}, reading findings and retrospectives through
   * {@code learning}.
   */
  public static ShepherdApp start(
      java.nio.file.Path config, String runbooks, Map<String, String> env, Learning learning)
      throws Exception {
    SourceOptions options = new SourceOptions();
    options.config = config;
    options.runbooks = runbooks;
    return start(options, env, Map.of(), learning);
  }

  /** Starts Shepherd on a config file, with the given environment (for tests and the sandbox). */
  public static ShepherdApp start(
      java.nio.file.Path config, String runbooks, Map<String, String> env) throws Exception {
    return start(config, runbooks, env, Map.of());
  }

  /** As {@link #start(java.nio.file.Path, String, Map)}, with more servlets (the sandbox's). */
  public static ShepherdApp start(
      java.nio.file.Path config,
      String runbooks,
      Map<String, String> env,
      Map<String, HttpServlet> servlets)
      throws Exception {
    SourceOptions options = new SourceOptions();
    options.config = config;
    options.runbooks = runbooks;
    return start(options, env, servlets);
  }

  @Override
  public int port() {
    return http.port();
  }

  public RolloutService rollouts() {
    return rollouts;
  }

  /** What rollouts found that their runbooks do not say: the learning loop's one door. */
  public FindingService findings() {
    return findings;
  }

  /** The config it started with. */
  @Override
  public Config config() {
    return config;
  }

  /** The runbooks as last loaded. */
  @Override
  public Catalog catalog() {
    return catalog.get();
  }

  @Override
  public void join() throws InterruptedException {
    http.join();
  }

  /** Fills the risk register with what is not in it yet, off every request's path. */
  private static void catchUp(FindingService findings, Catalog catalog) {
    List<String> ids = catalog.runbooks().stream().map(dev.shepherd.runbook.Runbook::id).toList();
    Thread thread =
        new Thread(
            () -> {
              try {
                findings.catchUp(ids);
              } catch (RuntimeException e) {
                log.warn(
                    "the risk register could not catch up with past rollouts (starts derive the"
                        + " newest as they go): {}",
                    e.getMessage());
              }
            },
            "shepherd-findings");
    thread.setDaemon(true);
    thread.start();
  }

  /** Reloads runbooks on an interval, keeping the last good catalog when a reload fails. */
  private static AutoCloseable reloader(
      RunbookSource source, AtomicReference<Catalog> catalog, ServeSettings settings) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "shepherd-reload");
              thread.setDaemon(true);
              return thread;
            });
    long seconds = settings.reloadInterval().toSeconds();
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            catalog.set(Catalog.load(source, new RunbookParser()));
          } catch (RunbookSource.SourceException | RuntimeException e) {
            log.warn(
                "runbooks from {} could not be reloaded, keeping the last good ones: {}",
                source.describe(),
                e.getMessage());
          }
        },
        seconds,
        seconds,
        TimeUnit.SECONDS);
    return timer::shutdownNow;
  }

  @Override
  public void close() {
    for (AutoCloseable resource : List.copyOf(resources)) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("while stopping: {}", e.toString());
      }
    }
    resources.clear();
  }
}
