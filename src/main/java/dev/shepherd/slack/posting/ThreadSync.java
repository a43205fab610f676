package dev.shepherd.slack.posting;

import com.slack.api.util.json.GsonFactory;
import dev.shepherd.audit.ChainHead;
import dev.shepherd.chat.MessageLedger;
import dev.shepherd.chat.RolloutTimers;
import dev.shepherd.format.LogLines;
import dev.shepherd.learning.finding.RolloutFindings;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.rollout.ChecklistState;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.Summary;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.runbook.Rendition;
import dev.shepherd.slack.view.SlackMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a rollout's Slack thread match the rollout's state in the database: posts what is missing,
 * updates what changed, in thread order. Idempotent, so it is safe to run after every click, after
 * a failed post, after a restart, and on two replicas at once (each message is claimed in the
 * ledger before it is posted).
 */
public final class ThreadSync {
  private static final Logger log = LoggerFactory.getLogger(ThreadSync.class);
  private static final Duration STALE_CLAIM = Duration.ofMinutes(2);

  /** A process not seen for this long is gone (each says it runs every two seconds). */
  static final Duration PROCESS_SEEN = Duration.ofSeconds(10);

  /** Looking for a lost post in the channel starts this long before its claim. */
  private static final Duration CLOCK_SLACK = Duration.ofMinutes(1);

  private final RolloutService rollouts;
  private final MessageLedger ledger;
  private final ChatGateway slack;
  private final Clock clock;
  private final String pathPrefix;
  private final RolloutTimers timers;
  private final RolloutFindings findings;
  private final UpdateQueue updates;
  private final ClickResponses clicks;

  /** The posts this process is making now, as {@code rollout|key}. */
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  /** What the rollout found; a summary is still drawn, without them, when they cannot be read. */
  private List<RunbookFinding> findingsOf(Rollout rollout) {
    try {
      return findings.of(rollout.id());
    } catch (RuntimeException e) {
      log.warn(
          "rollout {}: could not read its findings for the summary: {}",
          rollout.id(),
          e.getMessage());
      return List.of();
    }
  }

  public ThreadSync(
      RolloutService rollouts,
      MessageLedger ledger,
      ChatGateway slack,
      Clock clock,
      String pathPrefix,
      RolloutTimers timers,
      RolloutFindings findings,
      UpdateQueue updates,
      ClickResponses clicks) {
    this.findings = findings;
    this.updates = updates;
    this.clicks = clicks;
    this.rollouts = rollouts;
    this.ledger = ledger;
    this.slack = slack;
    this.clock = clock;
    this.pathPrefix = pathPrefix;
    this.timers = timers;
  }

  /** Brings one rollout's thread up to date; returns whether everything is posted. */
  public boolean sync(String rolloutId) {
    Optional<Rollout> found = rollouts.find(rolloutId);
    if (found.isEmpty()) {
      return true;
    }
    Rollout rollout = found.get();
    // Timers first: they must not wait for Slack (a slow post would make reminders miss).
    timers.watch(rollout);
    Optional<Rendition> pinned = rollouts.pinned(rollout);
    if (pinned.isEmpty()) {
      log.warn(
          "rollout {}: no pinned runbook text for {} at {}; cannot draw its thread",
          rollout.id(),
          LogLines.escaped(rollout.runbook().id()),
          rollout.runbook().revision().shortId());
      return false;
    }
    Rendition rendition = pinned.get();
    String location = pathPrefix + rollout.runbook().path();
    try {
      ThreadPlan.Planned root = ThreadPlan.root(rollout, rendition.runbook(), location);
      Optional<String> thread =
          message(rollout, root.key(), Optional.empty(), root.message(), Optional.empty());
      if (thread.isEmpty()) {
        return false;
      }
      if (rollout.thread().threadId().isEmpty()) {
        rollout = rollouts.bindThread(rollout.id(), rollout.thread().at(thread));
      }
      ThreadPlan.State state = state(rollout, rendition, location);
      for (ThreadPlan.Planned planned : ThreadPlan.of(state).messages()) {
        message(
            rollout,
            planned.key(),
            planned.inThread() ? thread : Optional.empty(),
            planned.message(),
            // The summary's post carries the chain's head in its metadata: a witness the
            // database's writer cannot rewrite (an update never replaces it).
            planned.key().equals("summary") ? state.head() : Optional.empty());
      }
      return true;
    } catch (ChatGateway.SlackCallFailed e) {
      log.warn(
          "rollout {} on {}: Slack call failed, the thread will be synced again: {}",
          rollout.id(),
          rollout.partition(),
          e.getMessage());
      return false;
    }
  }

  /**
   * Redraws the one message a person just clicked ({@code ts} in the rollout's channel), at once
   * and apart from the thread's sync: through the click's response URL, else ahead of every other
   * update. The sync that follows finds it drawn. Returns whether the message was found.
   */
  public boolean answer(String rolloutId, String ts) {
    Optional<Rollout> found = rollouts.find(rolloutId);
    if (found.isEmpty()) {
      return false;
    }
    Rollout rollout = found.get();
    Optional<Rendition> pinned = rollouts.pinned(rollout);
    if (pinned.isEmpty()) {
      return false;
    }
    String location = pathPrefix + rollout.runbook().path();
    for (ThreadPlan.Planned planned :
        ThreadPlan.of(state(rollout, pinned.get(), location)).messages()) {
      Optional<MessageLedger.Entry> entry = ledger.find(rollout.id(), planned.key());
      if (entry.isPresent() && entry.get().messageId().equals(Optional.of(ts))) {
        String signature = signature(planned.message());
        if (!entry.get().signature().equals(Optional.of(signature))
            && !entry.get().drawnAfter(rollout.version())) {
          redraw(
              rollout,
              planned.key(),
              entry.get().channel(),
              ts,
              planned.message(),
              signature,
              entry.get().signature());
        }
        return true;
      }
    }
    return false;
  }

  /** What the plan is drawn from: the rollout's trail, its summary once ended, the ledger. */
  private ThreadPlan.State state(Rollout rollout, Rendition rendition, String location) {
    List<String> keys = ledger.keys(rollout.id());
    List<ChecklistState> checklist =
        ThreadPlan.hasScheduleMessages(keys) ? rollouts.checklist(rollout) : List.of();
    Optional<Summary> summary =
        ThreadPlan.wantsSummary(rollout) ? rollouts.summary(rollout.id()) : Optional.empty();
    return new ThreadPlan.State(
        rollout,
        rendition.runbook(),
        rendition.partition().isProtected(),
        location,
        rollouts.trail(rollout.id()),
        summary,
        summary.isPresent() ? findingsOf(rollout) : List.of(),
        keys,
        checklist,
        summary.isPresent() ? rollouts.head(rollout.id()) : Optional.empty());
  }

  /** Posts a message once, whoever asks (the timers use it), or updates it when it changed. */
  Optional<String> post(Rollout rollout, String key, Optional<String> thread, SlackMessage message)
      throws ChatGateway.SlackCallFailed {
    return message(rollout, key, thread, message, Optional.empty());
  }

  /** Posts or updates one message; returns its ts, or empty when another poster holds it. */
  private Optional<String> message(
      Rollout rollout,
      String key,
      Optional<String> thread,
      SlackMessage message,
      Optional<ChainHead> head)
      throws ChatGateway.SlackCallFailed {
    String channel = rollout.thread().channel();
    String signature = signature(message);
    Optional<MessageLedger.Entry> entry = ledger.find(rollout.id(), key);
    if (entry.isPresent() && entry.get().messageId().isPresent()) {
      String ts = entry.get().messageId().get();
      // A message drawn from a newer state than this sync read (a click answered meanwhile) is
      // left as it is: this drawing is older.
      if (!entry.get().signature().equals(Optional.of(signature))
          && !entry.get().drawnAfter(rollout.version())) {
        redraw(rollout, key, channel, ts, message, signature, entry.get().signature());
      }
      return Optional.of(ts);
    }
    Instant now = clock.instant();
    if (entry.isPresent()) {
      // Claimed, never recorded as posted: left alone while its poster may still be posting.
      if (!isOrphan(entry.get(), now)
          || !ledger.takeOver(rollout.id(), key, entry.get().claimedBy(), now)) {
        return Optional.empty();
      }
      if (findLost(rollout, key, thread, entry.get())) {
        return message(rollout, key, thread, message, head); // recorded: now redrawn
      }
    } else if (!ledger.claim(rollout.id(), key, channel, now, now.minus(STALE_CLAIM))) {
      return Optional.empty();
    }
    String flight = rollout.id() + "|" + key;
    inFlight.add(flight);
    try {
      String ts =
          slack.post(channel, thread, message, new ChatGateway.MessageKey(rollout.id(), key, head));
      ledger.posted(rollout.id(), key, ts, signature, rollout.version());
      log.info("rollout {} on {}: posted {}", rollout.id(), rollout.partition(), key);
      return Optional.of(ts);
    } catch (ChatGateway.SlackCallFailed | RuntimeException e) {
      ledger.release(rollout.id(), key);
      throw e;
    } finally {
      inFlight.remove(flight);
    }
  }

  /**
   * Redraws a posted message: through the response URL of a click on it while Slack takes that
   * (outside the update tier, at once), else by an update queued for the workspace's allowance,
   * ahead of the rest when a person just clicked it, or when it is the root others watch.
   */
  private void redraw(
      Rollout rollout,
      String key,
      String channel,
      String ts,
      SlackMessage message,
      String signature,
      Optional<String> shown) {
    // Under the message's lock: whoever holds it first (the click's answer or the sync) takes
    // the click's URL and draws; the other then finds the drawing there and sends nothing.
    Redraw outcome =
        updates.drawing(
            rollout.id(),
            key,
            () -> {
              Optional<MessageLedger.Entry> now = ledger.find(rollout.id(), key);
              if (now.map(e -> e.drawnAfter(rollout.version())).orElse(false)
                  || now.flatMap(MessageLedger.Entry::signature).equals(Optional.of(signature))) {
                return Redraw.DRAWN_ALREADY;
              }
              Optional<ClickResponses.Response> click = clicks.take(channel, ts);
              if (click.isEmpty()) {
                return Redraw.NO_CLICK;
              }
              if (!slack.replace(click.get().url(), message)) {
                clicks.refused(channel, ts, click.get());
                return click.get().owed() ? Redraw.CLICK_REFUSED : Redraw.NO_CLICK;
              }
              ledger.posted(rollout.id(), key, ts, signature, rollout.version());
              clicks.drawn(channel, ts, click.get());
              return Redraw.THROUGH_CLICK;
            });
    switch (outcome) {
      case DRAWN_ALREADY -> {}
      case THROUGH_CLICK -> updates.drop(rollout.id(), key, rollout.version());
      case CLICK_REFUSED, NO_CLICK -> {
        Urgency urgency =
            outcome == Redraw.CLICK_REFUSED
                ? Urgency.CLICKED
                : key.equals("root") ? Urgency.WATCHED : Urgency.COSMETIC;
        updates.submit(
            rollout.id(), key, channel, ts, message, signature, shown, urgency, rollout.version());
      }
    }
  }

  /** How a redraw went, under the message's lock. */
  private enum Redraw {
    /** The ledger shows this drawing, or a newer one, already. */
    DRAWN_ALREADY,
    /** Redrawn through a click's response URL. */
    THROUGH_CLICK,
    /** A person is waiting, and Slack refused the click's URL: the paced way, first in line. */
    CLICK_REFUSED,
    /** No click's URL to draw through: the paced way. */
    NO_CLICK
  }

  /**
   * Asks Slack whether it took a post whose answer was lost, by the key the message carries in its
   * metadata, so that the post is found rather than made twice; records it when it did.
   */
  private boolean findLost(
      Rollout rollout, String key, Optional<String> thread, MessageLedger.Entry entry)
      throws ChatGateway.SlackCallFailed {
    Optional<String> found =
        slack.findPosted(
            entry.channel(),
            thread,
            new ChatGateway.MessageKey(rollout.id(), key),
            entry.claimedAt().minus(CLOCK_SLACK));
    if (found.isEmpty()) {
      return false;
    }
    // What it shows is not known (an empty signature): the caller redraws it.
    ledger.posted(rollout.id(), key, found.get(), "", MessageLedger.UNKNOWN_VERSION);
    log.info(
        "rollout {} on {}: {} was in Slack already; recorded it",
        rollout.id(),
        rollout.partition(),
        key);
    return true;
  }

  /**
   * Whether a claim's poster is gone: its process is no longer seen, or, when it is this process,
   * no post of it is under way (the database failed to record the answer).
   */
  private boolean isOrphan(MessageLedger.Entry entry, Instant now) {
    Optional<String> by = entry.claimedBy();
    if (by.isEmpty()) {
      return entry.claimedAt().isBefore(now.minus(STALE_CLAIM));
    }
    if (by.get().equals(ledger.processId())) {
      return !inFlight.contains(entry.rolloutId() + "|" + entry.key());
    }
    return !ledger.isAlive(by.get(), now.minus(PROCESS_SEEN));
  }

  static String signature(SlackMessage message) {
    String json = GsonFactory.createSnakeCase().toJson(message);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
