package dev.shepherd.app;

import dev.shepherd.audit.AuditVerifier;
import dev.shepherd.chat.CallAllowance;
import dev.shepherd.chat.LocalCallAllowance;
import dev.shepherd.chat.LocalDrawingLock;
import dev.shepherd.chat.MessageLedger;
import dev.shepherd.chat.PostAllowance;
import dev.shepherd.config.AuditKeyReader;
import dev.shepherd.config.Config;
import dev.shepherd.config.ServeSettings;
import dev.shepherd.learning.finding.DismissalRecorder;
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
import dev.shepherd.rollout.access.AccessPolicy;
import dev.shepherd.rollout.engine.RecordReader;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.sandbox.Sandbox;
import dev.shepherd.schedule.QuartzTimers;
import dev.shepherd.server.HttpServer;
import dev.shepherd.server.ReadinessCheck;
import dev.shepherd.slack.Installation;
import dev.shepherd.slack.SlackApp;
import dev.shepherd.slack.SlackChannelDirectory;
import dev.shepherd.slack.SlackGroupDirectory;
import dev.shepherd.slack.SlackSettings;
import dev.shepherd.slack.SocketModeConnection;
import dev.shepherd.slack.interaction.Proposing;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcAuditLog;
import dev.shepherd.store.JdbcCallAllowance;
import dev.shepherd.store.JdbcDrawingLock;
import dev.shepherd.store.JdbcFindingStore;
import dev.shepherd.store.JdbcGroupPins;
import dev.shepherd.store.JdbcMessageLedger;
import dev.shepherd.store.JdbcRolloutStore;
import dev.shepherd.store.KeyedStartTable;
import jakarta.servlet.http.HttpServlet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: Shepherd as {@code serve} runs it, built once by {@link Builder#start()}
 * reading top to bottom: settings, then the stores, then the services, then the adapters. {@code
 * serve}, the sandbox and the end-to-end tests all start it through the builder. Closing stops
 * everything in the reverse order it was started.
 */
public final class ShepherdApp implements Sandbox.Host {
  private static final Logger log = LoggerFactory.getLogger(ShepherdApp.class);

  /** How long {@code /readyz} waits for the database: probes give up after a second. */
  private static final Duration READINESS_LIMIT = Duration.ofMillis(800);

  /** How long the runbook stats on {@code /metrics} are kept unless a rollout ends first. */
  private static final Duration STATS_MAX_AGE = Duration.ofSeconds(60);

  /** How long a Slack user group's members are cached. */
  private static final Duration GROUPS_MAX_AGE = Duration.ofMinutes(10);

  /**
   * How long a channel's privacy and members are cached: someone who left a private channel stops
   * seeing its rollouts within this time.
   */
  private static final Duration CHANNELS_MAX_AGE = Duration.ofMinutes(2);

  private final Closer closer = new Closer();
  private HttpServer http;
  private RolloutService rollouts;
  private FindingService findings;
  private Config config;
  private AtomicReference<Catalog> catalog;
  private String runbooksSource;

  private ShepherdApp() {}

  public static Builder builder() {
    return new Builder();
  }

  /**
   * What Shepherd is started with. Every setting not given here is read from {@link #environment}
   * (what {@code serve} does with the process's environment); every seam a test may replace is a
   * named option.
   */
  public static final class Builder {
    private Map<String, String> environment = Map.of();
    private Path config;
    private String runbooks;
    private List<String> include = List.of();
    private List<String> exclude = List.of();
    private final ServeSettings.Builder settings = ServeSettings.builder();
    private final Map<String, HttpServlet> servlets = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Optional<Learning> learning = Optional.empty();
    private boolean rehearsal;

    private Builder() {}

    /** The variables settings are read from where no option below gives them. */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      settings.environment(environment);
      return this;
    }

    /** The config file (default: {@code $SHEPHERD_CONFIG}, else {@code config/shepherd.yaml}). */
    public Builder config(Path file) {
      this.config = file;
      return this;
    }

    /** The runbooks (a folder or a git URL), instead of the config's {@code runbooks:}. */
    public Builder runbooks(String source) {
      this.runbooks = source;
      return this;
    }

    /** Only Markdown files matching {@code include}, less those matching {@code exclude}. */
    public Builder filter(List<String> include, List<String> exclude) {
      this.include = List.copyOf(include);
      this.exclude = List.copyOf(exclude);
      return this;
    }

    /** Set up as the sandbox asks: its loopback, its stand-in for Slack, its page. */
    public Builder rehearsal(Sandbox.Rehearsal rehearsal) {
      // A rehearsal pushes nothing: Propose runbook changes shows the diff whatever the config
      // says.
      this.rehearsal = true;
      environment(rehearsal.environment());
      listen(rehearsal.host(), rehearsal.port());
      database(rehearsal.databaseUrl(), "", "");
      slack(rehearsal.slackApiUrl(), rehearsal.botToken(), rehearsal.signingSecret());
      pacing(rehearsal.postInterval(), rehearsal.syncInterval());
      rehearsal.servlets().forEach(this::servlet);
      return this;
    }

    /** Where to listen: {@code host} and {@code port} (0 for any free port). */
    public Builder listen(String host, int port) {
      settings.host(host).port(port);
      return this;
    }

    public Builder port(int port) {
      settings.port(port);
      return this;
    }

    public Builder database(String url, String user, String password) {
      settings.database(url, user, password);
      return this;
    }

    /** Slack's Web API at {@code apiUrl} (a fake one in tests), the bot token, the secret. */
    public Builder slack(String apiUrl, String botToken, String signingSecret) {
      settings.slack(apiUrl, botToken, signingSecret);
      return this;
    }

    /** How long posts to one channel wait for each other, and how often threads are checked. */
    public Builder pacing(Duration postInterval, Duration syncInterval) {
      settings.postInterval(postInterval).syncInterval(syncInterval);
      return this;
    }

    /** One more servlet on the HTTP server (the sandbox's page), keyed by its path spec. */
    public Builder servlet(String pathSpec, HttpServlet servlet) {
      servlets.put(Objects.requireNonNull(pathSpec, "pathSpec"), servlet);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Findings and retrospectives read through {@code learning} instead of derived. */
    public Builder learning(Learning learning) {
      this.learning = Optional.of(learning);
      return this;
    }

    /** Builds and starts Shepherd; on any failure, closes what was started and rethrows. */
    public ShepherdApp start() throws Exception {
      ShepherdApp app = new ShepherdApp();
      try {
        app.run(this);
        return app;
      } catch (Exception | Error e) {
        app.close();
        throw e;
      }
    }
  }

  /** Says where the record's key lives: what a reviewer asks first. Never the key itself. */
  private static void logAuditKey(AuditKeyReader.Found found, boolean postgres) {
    log.info(
        "the record is signed with audit key {} from {}{}",
        found.keys().current().id(),
        found.source(),
        found.generated() ? " (generated now: keep a copy outside this machine)" : "");
    if (postgres && !found.source().equals("SHEPHERD_AUDIT_KEY")) {
      log.warn(
          "the audit key is a file on this replica ({}): replicas must share one key;"
              + " set SHEPHERD_AUDIT_KEY from a Secret",
          found.source());
    }
  }

  private void run(Builder options) throws Exception {
    // Settings, read once.
    Sources sources =
        Sources.load(
            options.config,
            options.runbooks,
            options.include,
            options.exclude,
            options.environment,
            Sources.Scope.RUNBOOKS);
    this.config = sources.config();
    ServeSettings settings = options.settings.build(config.dataDir());
    this.catalog = new AtomicReference<>(sources.catalog());
    this.runbooksSource = sources.source().describe();
    Clock clock = options.clock;
    SlackSettings slackSettings =
        new SlackSettings(
            settings.slackBotToken(),
            settings.slackSigningSecret(),
            settings.slackAppToken(),
            settings.slackApiUrl(),
            settings.postInterval(),
            settings.syncInterval());

    // Stores.
    Metrics metrics = closer.register(new Metrics());
    Database database =
        closer.register(
            Database.open(
                settings.dbUrl(),
                settings.dbUser(),
                settings.dbPassword(),
                null,
                metrics.registry(),
                settings
                    .dbOwnerUser()
                    .map(owner -> new Database.Owner(owner, settings.dbOwnerPassword()))));
    boolean postgres = database.vendor().equals("postgresql");
    AuditKeyReader.Found auditKeys = AuditKeyReader.forServe(options.environment, config.dataDir());
    logAuditKey(auditKeys, postgres);
    KeyedStartTable.ensure(database.dataSource(), auditKeys.keys());
    JdbcRolloutStore store = new JdbcRolloutStore(database.dataSource(), auditKeys.keys());
    RecordReader records = new RecordReader(store, new JdbcAuditLog(database.dataSource()));
    MessageLedger ledger =
        new JdbcMessageLedger(database.dataSource(), UUID.randomUUID().toString(), postgres);

    // Services.
    SlackGroupDirectory groups =
        SlackGroupDirectory.connect(
            slackSettings, clock, GROUPS_MAX_AGE, new JdbcGroupPins(database.dataSource(), clock));
    catalog.set(new GroupCheck(config, catalog.get(), sources.pathPrefix()).run(groups));
    SlackChannelDirectory channels =
        SlackChannelDirectory.connect(slackSettings, clock, CHANNELS_MAX_AGE);
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
        options.learning.map(l -> l.findings().apply(database)).orElse(findings);
    // The retrospective shows the diff but pushes no branch: that is Propose's click alone.
    ProposalWriter diffs = ProposalsWiring.diffs(sources, store, proposed);
    ProposalWriter proposals =
        options.rehearsal ? diffs : ProposalsWiring.of(sources, store, proposed);
    boolean branches = !options.rehearsal && config.propose() == Config.Propose.BRANCH;
    Function<String, Optional<String>> retrospectives =
        options
            .learning
            .map(l -> l.retrospectives().apply(database))
            .orElseGet(
                () ->
                    new RetrospectiveDrafter(
                            records,
                            history,
                            findings,
                            id ->
                                Optional.of(diffs.propose(id))
                                    .filter(p -> !p.isEmpty())
                                    .map(Proposal::diff))
                        ::draft);
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
            List.of(prodSafety(config)),
            outcome -> {
              engineMetrics.observed(outcome);
              statsMetrics.observed(outcome);
            },
            groups,
            new FindingRiskRegister(findings, store),
            new AccessPolicy(
                config.choreography(),
                config.rights().freezeAllApprovers(),
                config.rights().scheduleHorizon()),
            channels);

    // Adapters: Slack, its timers, the HTTP server and Socket Mode.
    // Slack posts what the timers fire, and the timers watch what Slack changed: the holder
    // breaks the cycle until both exist.
    // Registered before Slack, so the timers close after Slack's worker stops feeding them.
    TimersHolder timers = closer.register(new TimersHolder());
    SlackApp slack =
        new SlackApp(
            slackSettings,
            new Installation(settings.slackTeamId(), settings.slackAppId()),
            new SlackApp.Services(
                rollouts,
                ledger,
                catalog::get,
                config.choreography(),
                clock,
                sources.pathPrefix(),
                timers,
                config.timezone(),
                metrics.registry(),
                records,
                findings,
                new DismissalRecorder(rollouts, findings),
                history,
                new Proposing(proposals::propose, diffs::propose, branches),
                retrospectives,
                updateAllowance(database, postgres, settings, clock),
                postAllowance(database, postgres, settings),
                postgres ? new JdbcDrawingLock(database.dataSource()) : new LocalDrawingLock(),
                (day, partitions) ->
                    new EvidenceGathering(store, records)
                            .changes(
                                day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                                Optional.empty(),
                                new AuditVerifier(
                                        new JdbcAuditLog(database.reports()), auditKeys.keys())
                                    .verify(),
                                Optional.empty())
                            .stream()
                            .filter(c -> partitions.contains(c.record().rollout().partition()))
                            .toList()));
    closer.register(slack);
    timers.set(
        new QuartzTimers(
            database.dataSource(),
            postgres,
            postgres,
            settings.clusterCheckin(),
            rollouts,
            slack.events(),
            config,
            clock,
            metrics.registry()));
    closer.register(
        new CatalogReloader(
            sources.source(),
            catalog,
            settings.reloadInterval(),
            loaded -> new GroupCheck(config, loaded, sources.pathPrefix()).run(groups)));
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
            settings.host(),
            settings.port(),
            settings.managementPort(),
            slack.app(),
            settings.slackSigningSecret(),
            ready);
    http.addManagementServlet("/metrics", metrics.servlet());
    http.addFilter("/slack/events", new AckTimer(metrics.registry()));
    options.servlets.forEach(http::addServlet);
    http.start();
    closer.register(http);
    if (socket.isPresent()) {
      closer.register(socket.get().start());
    }
    catchUp(findings, sources.catalog());
    log.info(
        "Shepherd is up on port {} with {} runbooks from {}; {}",
        http.port(),
        sources.catalog().runbooks().size(),
        sources.source().describe(),
        settings);
  }

  /**
   * The workspace's chat.update allowance: in the database on PostgreSQL, where replicas share it;
   * in memory on an H2 file, which one process alone can open.
   */
  private static CallAllowance updateAllowance(
      Database database, boolean postgres, ServeSettings settings, Clock clock) {
    CallAllowance.Rate rate =
        new CallAllowance.Rate(settings.slackUpdatesPerMinute(), UPDATE_BURST);
    return postgres
        ? new JdbcCallAllowance(database.dataSource(), "chat.update", rate)
        : new LocalCallAllowance(rate, clock.instant());
  }

  /**
   * Each channel's post allowance: in the database on PostgreSQL, so two replicas syncing one
   * rollout never post into its channel within the second; in memory on an H2 file.
   */
  private static PostAllowance postAllowance(
      Database database, boolean postgres, ServeSettings settings) {
    Duration interval = settings.postInterval();
    if (!postgres || interval.isZero()) {
      return PostAllowance.local(interval);
    }
    CallAllowance.Rate rate = PostAllowance.perInterval(interval);
    return new PostAllowance(
        channel ->
            new JdbcCallAllowance(database.dataSource(), "chat.postMessage " + channel, rate));
  }

  /** How many updates may go at once after a quiet spell: below Slack's own small burst. */
  private static final int UPDATE_BURST = 4;

  /** The prod-only lint: a runbook with an error on a partition does not start there. */
  private static RunbookCheck prodSafety(Config config) {
    return (runbook, partition) ->
        PartitionSafety.check(config, runbook, partition.name()).stream()
            .filter(problem -> problem.severity() == Problem.Severity.ERROR)
            .map(Problem::toString)
            .toList();
  }

  @Override
  public int port() {
    return http.port();
  }

  /** The engine's front door. */
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

  /** Where the runbooks come from: the folder, or the git URL without credentials. */
  @Override
  public String runbooksSource() {
    return runbooksSource;
  }

  @Override
  public void join() throws InterruptedException {
    http.join();
  }

  /** Fills the risk register with what is not in it yet, off every request's path. */
  private static void catchUp(FindingService findings, Catalog catalog) {
    List<String> ids = catalog.runbooks().stream().map(Runbook::id).toList();
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

  @Override
  public void close() {
    closer.close();
  }
}
