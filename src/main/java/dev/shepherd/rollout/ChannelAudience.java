package dev.shepherd.rollout;

/**
 * The port through which the engine and the views ask who is in a rollout's channel: the chat
 * adapter answers from the chat's own membership, cached. An answer that cannot be had (the chat
 * down, a missing scope) is "no": a private channel's rollouts stay hidden and a note from someone
 * unknown is recorded as an outsider's, never the other way round.
 */
public interface ChannelAudience {
  /** Whether {@code user} is a member of {@code channel}. */
  boolean isMember(String channel, String user);

  /** Whether anyone in the workspace may read {@code channel}. */
  boolean isPublic(String channel);

  /** Whether {@code user} may see what is said in {@code channel}: public, or a member. */
  default boolean canSee(String channel, String user) {
    return isPublic(channel) || isMember(channel, user);
  }

  /** For setups without a chat (the CLI, engine tests): every channel public, everyone in it. */
  ChannelAudience EVERYONE =
      new ChannelAudience() {
        @Override
        public boolean isMember(String channel, String user) {
          return true;
        }

        @Override
        public boolean isPublic(String channel) {
          return true;
        }
      };
}
