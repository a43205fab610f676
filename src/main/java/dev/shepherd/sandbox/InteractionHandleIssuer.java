package dev.shepherd.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The handles Slack gives an app with each interaction: a {@code trigger_id}, good for opening one
 * modal for that user within three seconds, and a {@code response_url} to answer through.
 */
final class InteractionHandleIssuer {
  /** Slack lets an app use a trigger for three seconds. */
  static final Duration TRIGGER_LIFE = Duration.ofSeconds(3);

  /** Whom a response URL answers, and in which thread. */
  /**
   * Where a response URL answers: to {@code user} in {@code threadTs}; {@code messageTs} is the
   * clicked message a {@code replace_original} redraws (null for a slash command's).
   */
  record Target(String user, String threadTs, String messageTs) {}

  private record Trigger(String user, Instant expires) {}

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, Trigger> triggers = new ConcurrentHashMap<>();
  private final Map<String, Target> responses = new ConcurrentHashMap<>();

  InteractionHandleIssuer(Clock clock) {
    this.clock = clock;
  }

  /** A new trigger id for something {@code user} just did. */
  String trigger(String user) {
    String id = sequence.incrementAndGet() + "." + Sandbox.TEAM_ID + "." + hex(8);
    triggers.put(id, new Trigger(user, clock.instant().plus(TRIGGER_LIFE)));
    return id;
  }

  /**
   * The user a trigger was issued for, once: empty when unknown. {@code expired} is set when it was
   * known but too old, as Slack tells {@code expired_trigger_id} from {@code invalid_trigger_id}.
   */
  Optional<String> useTrigger(String id, boolean[] expired) {
    Trigger trigger = id == null ? null : triggers.remove(id);
    if (trigger == null) {
      return Optional.empty();
    }
    if (clock.instant().isAfter(trigger.expires())) {
      expired[0] = true;
      return Optional.empty();
    }
    return Optional.of(trigger.user());
  }

  /** A response URL path ({@code /response/…}) answering {@code user} in {@code threadTs}. */
  String responsePath(String user, String threadTs) {
    return responsePath(user, threadTs, null);
  }

  /** A response URL of a click on the message {@code messageTs}. */
  String responsePath(String user, String threadTs, String messageTs) {
    String id = hex(12);
    responses.put(id, new Target(user, threadTs, messageTs));
    return "/response/" + id;
  }

  Optional<Target> responseTarget(String id) {
    return Optional.ofNullable(responses.get(id));
  }

  private String hex(int bytes) {
    byte[] buffer = new byte[bytes];
    random.nextBytes(buffer);
    return HexFormat.of().formatHex(buffer);
  }
}
