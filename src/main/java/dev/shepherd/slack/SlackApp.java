package dev.shepherd.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import com.slack.api.methods.SlackApiException;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.shepherd.chat.CallAllowance;
import dev.shepherd.chat.DrawingLock;
import dev.shepherd.chat.MessageLedger;
import dev.shepherd.chat.PostAllowance;
import dev.shepherd.chat.RolloutTimers;
import dev.shepherd.chat.TimedEvents;
import dev.shepherd.export.EvidencePack;
import dev.shepherd.learning.finding.DismissalRecorder;
import dev.shepherd.learning.finding.FindingService;
import dev.shepherd.learning.stats.RunbookHistory;
import dev.shepherd.partition.Choreography;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.engine.RecordReader;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.slack.command.ChannelMembers;
import dev.shepherd.slack.command.ChooseRunbookListener;
import dev.shepherd.slack.command.CommandListener;
import dev.shepherd.slack.command.CommandRunner;
import dev.shepherd.slack.command.StartModal;
import dev.shepherd.slack.event.HomeTab;
import dev.shepherd.slack.event.ThreadReplyMiddleware;
import dev.shepherd.slack.interaction.ButtonListener;
import dev.shepherd.slack.interaction.DismissModal;
import dev.shepherd.slack.interaction.DocumentButton;
import dev.shepherd.slack.interaction.NoteModal;
import dev.shepherd.slack.interaction.Proposing;
import dev.shepherd.slack.interaction.RedactModal;
import dev.shepherd.slack.interaction.ResolutionModal;
import dev.shepherd.slack.interaction.SkipModal;
import dev.shepherd.slack.interaction.SummaryDocuments;
import dev.shepherd.slack.interaction.TickListener;
import dev.shepherd.slack.posting.ChannelPacer;
import dev.shepherd.slack.posting.ChatGateway;
import dev.shepherd.slack.posting.ClickAnswers;
import dev.shepherd.slack.posting.ClickResponses;
import dev.shepherd.slack.posting.StaleButtonHandler;
import dev.shepherd.slack.posting.SyncWorker;
import dev.shepherd.slack.posting.ThreadSync;
import dev.shepherd.slack.posting.TimedPoster;
import dev.shepherd.slack.posting.UpdateQueue;
import dev.shepherd.slack.posting.WebApiGateway;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.slack.view.RunbookChoiceView;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Slack adapter's one entry point: the Bolt app with Shepherd's listeners, and the worker that
 * keeps each rollout's thread in step with the database.
 */
public final class SlackApp implements AutoCloseable {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SlackApp.class);
  private final App app;
  private final SyncWorker worker;
  private final UpdateQueue updates;

  private final TimedEvents events;
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "shepherd-heartbeat");
            t.setDaemon(true);
            return t;
          });

  /**
   * What the Slack adapter is given by the composition root: the engine's front door, the stores it
   * reads, the learning loop's doors, and where it is.
   *
   * @param pathPrefix what a runbook's path is prefixed with to name it as lint does
   * @param zone the time zone schedules are written and shown in
   */
  public record Services(
      RolloutService rollouts,
      MessageLedger ledger,
      Supplier<Catalog> catalog,
      Choreography choreography,
      Clock clock,
      String pathPrefix,
      RolloutTimers timers,
      ZoneId zone,
      io.micrometer.core.instrument.MeterRegistry registry,
      RecordReader records,
      FindingService findings,
      DismissalRecorder dismissals,
      RunbookHistory history,
      Proposing proposals,
      Function<String, Optional<String>> retrospectives,
      CallAllowance updateAllowance,
      PostAllowance postAllowance,
      DrawingLock drawingLock,
      BiFunction<LocalDate, Set<String>, List<EvidencePack.Change>> evidence) {}

  public SlackApp(SlackSettings settings, Services services) {
    this(settings, Installation.learned(), services);
  }

  /** Serves {@code installation}'s workspace and app only. */
  public SlackApp(SlackSettings settings, Installation installation, Services services) {
    RolloutService rollouts = services.rollouts();
    MessageLedger ledger = services.ledger();
    Supplier<Catalog> catalog = services.catalog();
    Choreography choreography = services.choreography();
    Clock clock = services.clock();
    String pathPrefix = services.pathPrefix();
    RolloutTimers timers = services.timers();
    ZoneId zone = services.zone();
    io.micrometer.core.instrument.MeterRegistry registry = services.registry();
    RecordReader records = services.records();
    FindingService findings = services.findings();
    RunbookHistory history = services.history();
    Proposing proposals = services.proposals();
    Function<String, Optional<String>> retrospectives = services.retrospectives();
    SlackConfig slackConfig = new SlackConfig();
    slackConfig.setMethodsEndpointUrlPrefix(settings.apiUrl());
    slackConfig.setPrettyResponseLoggingEnabled(false);
    Slack slack = Slack.getInstance(slackConfig);
    ChatGateway gateway =
        new WebApiGateway(
            slack.methods(settings.botToken()),
            new ChannelPacer(settings.postInterval(), services.postAllowance()),
            registry);
    this.updates =
        new UpdateQueue(gateway, services.updateAllowance(), ledger, services.drawingLock(), clock);
    ClickResponses clicks = new ClickResponses(clock);
    ThreadSync sync =
        new ThreadSync(
            rollouts, ledger, gateway, clock, pathPrefix, timers, findings, updates, clicks);
    TimedPoster timed = new TimedPoster(rollouts, sync, clock, timers);
    this.events = timed;
    HomeTab home = new HomeTab(rollouts, gateway);
    // After each thread sync, the Home tabs of recent viewers follow (when what they see changed).
    this.worker =
        new SyncWorker(
            id -> {
              boolean synced = sync.sync(id) && timed.catchUp(id);
              home.changed();
              return synced;
            },
            () -> sweep(rollouts),
            settings.sweepInterval(),
            4);
    // Other replicas take over this process's unfinished posts once it is no longer seen.
    heartbeat.scheduleWithFixedDelay(
        () -> {
          try {
            ledger.heartbeat(clock.instant());
          } catch (RuntimeException e) {
            log.debug("heartbeat not recorded: {}", e.getMessage());
          }
        },
        0,
        2,
        TimeUnit.SECONDS);
    AppConfig config =
        AppConfig.builder()
            .singleTeamBotToken(settings.botToken())
            .signingSecret(settings.signingSecret().isEmpty() ? null : settings.signingSecret())
            .slack(slack)
            .build();
    PrimedAuthorizationMiddleware authorization = new PrimedAuthorizationMiddleware(config);
    try {
      authorization.prime(slack.methods(), settings.botToken());
    } catch (IOException | SlackApiException e) {
      // Serve anyway: Slack may be down for a minute; the first request will ask again.
      log.warn(
          "auth.test at {} failed at start ({}); check SLACK_BOT_TOKEN and SLACK_API_URL",
          settings.apiUrl(),
          e.getMessage());
    }
    // The middleware Bolt would build for one workspace, with the authorization primed. The
    // events servlet checks every HTTP request's signature (Bolt's check loses a trailing
    // newline of the body); in Socket Mode alone there is no signing secret, and only what the
    // socket delivers is taken.
    List<Middleware> middleware = new ArrayList<>();
    middleware.add(new SSLCheck(config.getVerificationToken()));
    if (settings.signingSecret().isEmpty()) {
      middleware.add(new SocketOnlyMiddleware());
    }
    middleware.add(authorization);
    // After the authorization, which has asked auth.test by then; before anything reads a body.
    middleware.add(new TeamCheckMiddleware(installation, authorization::identity));
    middleware.add(new FaultMiddleware());
    middleware.add(new StoreFailureMiddleware(worker, gateway));
    // After the store-failure answer: a reply the database could not record gets 503, and
    // Slack's retry of it is recorded once.
    middleware.add(new ThreadReplyMiddleware(rollouts, worker));
    this.app = new App(config, slack, middleware);
    ListenerRouter routes = new ListenerRouter(app);
    app.use(new UnownedRequestMiddleware(routes));
    StaleButtonHandler outOfDate = new StaleButtonHandler(rollouts, worker, gateway);
    CommandRunner commands =
        new CommandRunner(rollouts, catalog, choreography, clock, zone, timers, findings, history);
    StartModal startModal =
        new StartModal(
            rollouts,
            catalog,
            choreography,
            worker,
            new ChannelMembers(slack.methods(settings.botToken())));
    routes.command(
        "/rollout",
        new CommandListener(commands, rollouts, worker, startModal, gateway, services.evidence()));
    routes.globalShortcut(
        StartModal.SHORTCUT,
        (request, context) -> {
          startModal.open(gateway, request.getPayload().getTriggerId(), Optional.empty());
          return context.ack();
        });
    routes.viewSubmission(StartModal.CALLBACK, startModal);
    routes.event(
        AppHomeOpenedEvent.class,
        "app_home_opened",
        (event, context) -> {
          if ("home".equals(event.getEvent().getTab())) {
            String viewer = event.getEvent().getUser();
            worker.runNow(() -> home.opened(viewer));
          }
          return context.ack();
        });
    routes.blockAction(
        Pattern.compile(Pattern.quote(RunbookChoiceView.ACTION) + ":[0-9]+"),
        new ChooseRunbookListener(rollouts, worker, gateway, outOfDate));
    ResolutionModal resolutions = new ResolutionModal(rollouts, worker, gateway);
    SkipModal skips = new SkipModal(rollouts, worker);
    ButtonListener buttons =
        new ButtonListener(
            rollouts,
            worker,
            gateway,
            outOfDate,
            home,
            resolutions,
            skips,
            new ClickAnswers(clicks, worker, sync));
    routes.blockAction(
        Pattern.compile(Pattern.quote(ActionIds.FIXED) + "(:[0-9]+)?"), resolutions::click);
    routes.viewSubmission(ResolutionModal.CALLBACK, resolutions);
    DismissModal dismissals = new DismissModal(services.dismissals(), worker, gateway);
    routes.blockAction(
        Pattern.compile(Pattern.quote(ActionIds.DISMISS) + "(:[0-9]+)?"), dismissals::click);
    routes.viewSubmission(DismissModal.CALLBACK, dismissals);
    routes.blockAction(
        Pattern.compile(Pattern.quote(ActionIds.TICK) + "(:[0-9]+)?"),
        new TickListener(rollouts, worker, gateway, outOfDate));
    NoteModal notes = new NoteModal(rollouts, worker, gateway);
    routes.blockAction(Pattern.compile(Pattern.quote(ActionIds.NOTE)), notes::click);
    routes.blockAction(Pattern.compile(Pattern.quote(ActionIds.SYMPTOM)), notes::click);
    routes.blockAction(
        Pattern.compile(Pattern.quote(ActionIds.EXPORT)),
        new DocumentButton(
            "record-export", rollouts::find, SummaryDocuments.record(records), worker, gateway));
    routes.blockAction(
        Pattern.compile(Pattern.quote(ActionIds.PROPOSE)),
        new DocumentButton(
            "proposal",
            rollouts::find,
            SummaryDocuments.proposal(proposals, rollouts::mayPush),
            worker,
            gateway));
    routes.blockAction(
        Pattern.compile(Pattern.quote(ActionIds.RETRO)),
        new DocumentButton(
            "retrospective",
            rollouts::find,
            SummaryDocuments.retrospective(retrospectives),
            worker,
            gateway));
    // Last: the step buttons, and any other id of Shepherd's that an older version drew.
    routes.blockAction(Pattern.compile("shepherd\\..+"), buttons);
    routes.viewSubmission(SkipModal.CALLBACK, skips);
    routes.viewSubmission(NoteModal.CALLBACK, notes);
    routes.viewSubmission(NoteModal.SYMPTOM_CALLBACK, notes);
    RedactModal redactions = new RedactModal(rollouts, worker, gateway);
    routes.messageShortcut(RedactModal.SHORTCUT, redactions::shortcut);
    routes.viewSubmission(RedactModal.CALLBACK, redactions);
  }

  public App app() {
    return app;
  }

  /** What the timers post when they fire. */
  public TimedEvents events() {
    return events;
  }

  /** Active rollouts and those that ended in the last day: a restart may owe them posts. */
  private static Set<String> sweep(RolloutService rollouts) {
    Set<String> ids = new LinkedHashSet<>();
    rollouts.active().stream().map(Rollout::id).forEach(ids::add);
    rollouts.endedSince(Duration.ofDays(1)).forEach(ids::add);
    return ids;
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    worker.close();
    updates.close();
  }
}
