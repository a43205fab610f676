package dev.shepherd.slack.posting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code response_url} each click came with, kept per clicked message so that the thread sync
 * redraws that message through it rather than through {@code chat.update}. Slack takes a response
 * URL five times within 30 minutes of the click, for the message clicked alone; a URL past either
 * is forgotten here, and one Slack refuses earlier is given up. In memory: a replica that did not
 * receive the click updates the message the paced way. Thread-safe.
 */
public final class ClickResponses {
  /** How long Slack takes a response URL after the click. */
  static final Duration LIFE = Duration.ofMinutes(30);

  /** How many times Slack takes one response URL. */
  static final int USES = 5;

  private final Clock clock;
  private final Map<String, Response> byMessage = new ConcurrentHashMap<>();

  /**
   * A click's response URL: when it came, how often it was used, whether the click's own redraw is
   * still owed (the next draw of the message answers a person who is waiting).
   */
  record Response(String url, Instant clickedAt, int uses, boolean owed) {}

  public ClickResponses(Clock clock) {
    this.clock = clock;
  }

  /** A click on message {@code ts} in {@code channel} came with {@code responseUrl}. */
  public void clicked(String channel, String ts, String responseUrl) {
    Objects.requireNonNull(responseUrl, "responseUrl");
    Instant now = clock.instant();
    byMessage.values().removeIf(r -> !r.clickedAt().plus(LIFE).isAfter(now));
    byMessage.put(channel + "|" + ts, new Response(responseUrl, now, 0, true));
  }

  /**
   * Takes the click waiting on this message, or a response URL it may still be redrawn through, for
   * one redraw: a redraw made meanwhile by another thread finds none and goes the paced way, so one
   * URL is never used twice for the same drawing. Give it back with {@link #drawn} or {@link
   * #refused}.
   */
  Optional<Response> take(String channel, String ts) {
    Response response = byMessage.remove(channel + "|" + ts);
    if (response == null || !response.clickedAt().plus(LIFE).isAfter(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(response);
  }

  /** The message was redrawn through the URL: it is kept for later redraws while Slack takes it. */
  void drawn(String channel, String ts, Response response) {
    int uses = response.uses() + 1;
    if (uses < USES) {
      // A newer click on the message, meanwhile, brought a fresher URL: that one stays.
      byMessage.putIfAbsent(
          channel + "|" + ts, new Response(response.url(), response.clickedAt(), uses, false));
    }
  }

  /** Slack refused the URL: it is not tried again; the message is updated the paced way. */
  void refused(String channel, String ts, Response response) {
    // Taken already: nothing to give back.
  }
}
