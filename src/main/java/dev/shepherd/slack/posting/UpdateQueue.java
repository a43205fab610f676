package dev.shepherd.slack.posting;

import dev.shepherd.chat.CallAllowance;
import dev.shepherd.chat.DrawingLock;
import dev.shepherd.chat.MessageLedger;
import dev.shepherd.slack.view.SlackMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message updates waiting for the workspace's allowance, sent one at a time by one thread as
 * the allowance gives them: the most urgent first (see {@link Urgency}), oldest first within it.
 * Only a message's latest drawing waits: a newer one replaces it, keeping the higher urgency of the
 * two. An update is recorded in the message ledger once Slack took it; one that another way drew
 * first (a response URL, another replica) is not sent. A 429 holds every replica for its {@code
 * Retry-After} and the update waits again; an update that fails otherwise is left to the next
 * sweep, which finds the message still behind.
 */
public final class UpdateQueue implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UpdateQueue.class);

  /** How long the sender sleeps at most before it looks again (a new, more urgent update). */
  private static final Duration LOOK_AGAIN = Duration.ofMillis(250);

  private final ChatGateway slack;
  private final CallAllowance allowance;
  private final MessageLedger ledger;
  private final Clock clock;
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private final DrawingLock locks;
  private final Thread sender;
  private long submitted;
  private boolean closed;

  /** One message's latest drawing, waiting. */
  record Pending(
      String rolloutId,
      String key,
      String channel,
      String ts,
      SlackMessage message,
      String signature,
      Optional<String> shown,
      Urgency urgency,
      long order,
      int version) {}

  public UpdateQueue(
      ChatGateway slack,
      CallAllowance allowance,
      MessageLedger ledger,
      DrawingLock locks,
      Clock clock) {
    this.locks = locks;
    this.slack = slack;
    this.allowance = allowance;
    this.ledger = ledger;
    this.clock = clock;
    this.sender = new Thread(this::send, "shepherd-updates");
    sender.setDaemon(true);
    sender.start();
  }

  /**
   * Queues a message's new drawing, in place of one still waiting.
   *
   * @param shown the signature the ledger gave for what the message showed when this was drawn
   * @param version the version of the rollout's state this was drawn from
   */
  void submit(
      String rolloutId,
      String key,
      String channel,
      String ts,
      SlackMessage message,
      String signature,
      Optional<String> shown,
      Urgency urgency,
      int version) {
    synchronized (pending) {
      String id = rolloutId + "|" + key;
      Pending old = pending.get(id);
      Urgency most = old != null && old.urgency().compareTo(urgency) < 0 ? old.urgency() : urgency;
      if (old != null && old.version() > version) {
        // A slow sync's drawing from an older state: the newer one waiting stays.
        pending.put(id, withUrgency(old, most));
        return;
      }
      long order = old != null ? old.order() : submitted++;
      pending.put(
          id,
          new Pending(
              rolloutId, key, channel, ts, message, signature, shown, most, order, version));
      pending.notifyAll();
    }
  }

  private static Pending withUrgency(Pending p, Urgency urgency) {
    return new Pending(
        p.rolloutId(),
        p.key(),
        p.channel(),
        p.ts(),
        p.message(),
        p.signature(),
        p.shown(),
        urgency,
        p.order(),
        p.version());
  }

  /**
   * The message was drawn another way (its click's response URL) from the rollout at {@code
   * version}: a drawing waiting from that state or an older one is stale; a newer one still goes.
   */
  void drop(String rolloutId, String key, int version) {
    synchronized (pending) {
      pending.computeIfPresent(
          rolloutId + "|" + key, (id, waiting) -> waiting.version() > version ? waiting : null);
    }
  }

  /** How many updates wait. */
  public int waiting() {
    synchronized (pending) {
      return pending.size();
    }
  }

  private void send() {
    while (true) {
      try {
        Optional<Pending> next = next();
        if (next.isEmpty()) {
          return;
        }
        Pending update = next.get();
        try {
          sendUnlessDrawn(update);
        } catch (ChatGateway.SlackCallFailed e) {
          if (e.retryAfter().isPresent()) {
            allowance.holdUntil(clock.instant().plus(e.retryAfter().get()));
            again(update);
          } else {
            log.warn(
                "rollout {}: updating {} failed, the next sweep redraws it: {}",
                update.rolloutId(),
                update.key(),
                e.getMessage());
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // The database or the allowance failed: the sweep resubmits what is still behind.
        log.warn("sending a message update failed: {}", e.toString());
        pause(Duration.ofSeconds(1));
      }
    }
  }

  /**
   * Sends an update, under the message's lock, unless the message shows it or something newer
   * already: a click's answer sent between the check and the call would otherwise be overdrawn.
   */
  private void sendUnlessDrawn(Pending update) throws ChatGateway.SlackCallFailed {
    ChatGateway.SlackCallFailed[] failed = new ChatGateway.SlackCallFailed[1];
    drawing(
        update.rolloutId(),
        update.key(),
        () -> {
          if (drawnAlready(update)) {
            return null;
          }
          try {
            slack.update(update.channel(), update.ts(), update.message());
          } catch (ChatGateway.SlackCallFailed e) {
            failed[0] = e;
            return null;
          }
          ledger.posted(
              update.rolloutId(), update.key(), update.ts(), update.signature(), update.version());
          return null;
        });
    if (failed[0] != null) {
      throw failed[0];
    }
  }

  /**
   * Runs one drawing of a message (check the ledger, call Slack, record) while no other drawing of
   * the same message runs in this process.
   */
  <T> T drawing(String rolloutId, String key, Supplier<T> drawing) {
    return locks.holding(rolloutId, key, drawing);
  }

  /** Waits for an update and for the allowance to give one, then takes the most urgent. */
  private Optional<Pending> next() throws InterruptedException {
    synchronized (pending) {
      while (true) {
        if (closed) {
          return Optional.empty();
        }
        if (pending.isEmpty()) {
          pending.wait();
          continue;
        }
        Duration wait = allowance.take(clock.instant());
        if (wait.isZero()) {
          Pending most =
              pending.values().stream()
                  .min(Comparator.comparing(Pending::urgency).thenComparing(Pending::order))
                  .orElseThrow();
          pending.remove(most.rolloutId() + "|" + most.key());
          return Optional.of(most);
        }
        pending.wait(Math.max(1, Math.min(wait.toMillis(), LOOK_AGAIN.toMillis())));
      }
    }
  }

  /**
   * Whether the ledger says the message shows this drawing already, or was redrawn another way
   * since this was drawn (another replica's response URL): this drawing may be older than that one
   * and is not sent over it; a sync that finds the message behind draws it again.
   */
  private boolean drawnAlready(Pending update) {
    Optional<MessageLedger.Entry> entry = ledger.find(update.rolloutId(), update.key());
    Optional<String> now = entry.flatMap(MessageLedger.Entry::signature);
    return now.equals(Optional.of(update.signature()))
        || !now.equals(update.shown())
        || entry.map(e -> e.drawnAfter(update.version())).orElse(false);
  }

  /** A refused update waits again, unless a newer drawing took its place meanwhile. */
  private void again(Pending update) {
    synchronized (pending) {
      pending.putIfAbsent(update.rolloutId() + "|" + update.key(), update);
    }
  }

  private void pause(Duration duration) {
    synchronized (pending) {
      try {
        pending.wait(duration.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    synchronized (pending) {
      closed = true;
      pending.notifyAll();
    }
    sender.interrupt();
  }
}
