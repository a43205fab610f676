package dev.shepherd.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import com.slack.api.methods.SlackApiException;
import java.io.IOException;
import java.util.List;
import dev.shepherd.partition.Choreography;
import dev.shepherd.rollout.MessageLedger;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutService;
import dev.shepherd.rollout.RolloutTimers;
import dev.shepherd.rollout.TimedEvents;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.runbook.Catalog;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Slack adapter's one entry point: the Bolt app with Shepherd's listeners, and the worker
 * that keeps each rollout's thread in step with the database.
 */
public final class SlackApp implements AutoCloseable {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SlackApp.class);
  private final App app;
  private final SyncWorker worker;

  private final TimedEvents events;
  private final java.util.concurrent.ScheduledExecutorService heartbeat =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shepherd-heartbeat");
        t.setDaemon(true);
        return t;
      });

  public SlackApp(SlackSettings settings, RolloutService rollouts, MessageLedger ledger,
      Supplier<Catalog> catalog, Choreography choreography, Clock clock, String pathPrefix,
      RolloutTimers timers, java.time.ZoneId zone,
      io.micrometer.core.instrument.MeterRegistry registry, dev.shepherd.rollout.Records records) {
    SlackConfig slackConfig = new SlackConfig();
    slackConfig.setMethodsEndpointUrlPrefix(settings.apiUrl());
    slackConfig.setPrettyResponseLoggingEnabled(false);
    Slack slack = Slack.getInstance(slackConfig);
    ChatGateway gateway = new WebApiGateway(slack.methods(settings.botToken()),
        new ChannelPacer(settings.postInterval()), registry);
    ThreadSync sync = new ThreadSync(rollouts, ledger, gateway, clock, pathPrefix, timers);
    TimedPosts timed = new TimedPosts(rollouts, sync, clock, timers);
    this.events = timed;
    this.worker = new SyncWorker(id -> sync.sync(id) && timed.catchUp(id), () -> sweep(rollouts),
        settings.sweepInterval(), 4);
    // Other replicas take over this process's unfinished posts once it is no longer seen.
    heartbeat.scheduleWithFixedDelay(() -> {
      try {
        ledger.heartbeat(clock.instant());
      } catch (RuntimeException e) {
        log.debug("heartbeat not recorded: {}", e.getMessage());
      }
    }, 0, 2, java.util.concurrent.TimeUnit.SECONDS);
    AppConfig config = AppConfig.builder()
        .singleTeamBotToken(settings.botToken())
        .signingSecret(settings.signingSecret())
        .slack(slack)
        .build();
    PrimedAuthorization authorization = new PrimedAuthorization(config);
    try {
      authorization.prime(slack.methods(), settings.botToken());
    } catch (IOException | SlackApiException e) {
      // Serve anyway: Slack may be down for a minute; the first request will ask again.
      log.warn("auth.test at {} failed at start ({}); check SLACK_BOT_TOKEN and SLACK_API_URL",
          settings.apiUrl(), e.getMessage());
    }
    // The middleware Bolt would build for one workspace, with the authorization primed.
    this.app = new App(config, slack, List.of(
        new SSLCheck(config.getVerificationToken()),
        new RequestVerification(new SlackSignature.Verifier(
            new SlackSignature.Generator(settings.signingSecret()))),
        authorization,
        new StoreFailureReplies(worker, gateway),
        // After the store-failure answer: a reply the database could not record gets 503, and
        // Slack's retry of it is recorded once.
        new ThreadReplies(rollouts, worker)));
    app.command("/rollout", new CommandListener(
        new Commands(rollouts, catalog, choreography, clock, zone, timers), worker));
    ButtonListener buttons = new ButtonListener(rollouts, worker, gateway);
    app.blockAction(ActionIds.TICK, new TickListener(rollouts, worker, gateway));
    NoteModal notes = new NoteModal(rollouts, worker, gateway);
    app.blockAction(ActionIds.NOTE, notes::click);
    app.blockAction(ActionIds.SYMPTOM, notes::click);
    app.blockAction(ActionIds.EXPORT, new ExportButton(records, worker, gateway));
    app.blockAction(Pattern.compile("^shepherd\\.(?!tick$|note$|symptom$|export$).+$"), buttons);
    app.viewSubmission(SkipModal.CALLBACK, new SkipModal(rollouts, worker));
    app.viewSubmission(NoteModal.CALLBACK, notes);
    app.viewSubmission(NoteModal.SYMPTOM_CALLBACK, notes);
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
    rollouts.endedSince(java.time.Duration.ofDays(1)).forEach(ids::add);
    return ids;
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    worker.close();
  }
}
