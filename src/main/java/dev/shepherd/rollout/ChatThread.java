package dev.shepherd.rollout;

import java.util.Optional;

/**
 * Where a rollout is discussed: a channel and, once the root message is posted, its thread, in the
 * chat workspace (team) it was started from. Opaque strings to the engine.
 *
 * @param team the workspace's id; empty for rollouts recorded before teams were
 */
public record ChatThread(String channel, Optional<String> threadId, Optional<String> team) {
  public ChatThread(String channel, Optional<String> threadId) {
    this(channel, threadId, Optional.empty());
  }

  public static ChatThread in(String channel) {
    return new ChatThread(channel, Optional.empty());
  }

  /** The same channel and team, bound to a thread. */
  public ChatThread at(Optional<String> thread) {
    return new ChatThread(channel, thread, team);
  }
}
