package dev.shepherd.rollout;

import java.util.Optional;

/**
 * Where a rollout is discussed: a channel and, once the root message is posted, its thread. Opaque
 * strings to the engine.
 */
public record ChatThread(String channel, Optional<String> threadId) {
  public static ChatThread in(String channel) {
    return new ChatThread(channel, Optional.empty());
  }
}
