package dev.shepherd.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which chat messages of a rollout's thread exist, so the thread can be rebuilt from the rollout's
 * state after a failure or a restart, and so two replicas post each message once. A message is
 * claimed before it is posted, and recorded once posted. Each claim names the process that made it,
 * so a claim whose process died can be settled soon after.
 */
public interface MessageLedger {

  /** A message of a rollout's thread: its key ({@code root}, {@code step:forward:2}…). */
  record Entry(
      String rolloutId,
      String key,
      String channel,
      Optional<String> messageId,
      Optional<String> signature,
      Instant claimedAt,
      Optional<String> claimedBy,
      int drawnVersion) {

    /** Whether what the message shows was drawn from a state newer than {@code version}. */
    public boolean drawnAfter(int version) {
      return drawnVersion > version;
    }
  }

  /** The version of a message drawn from no known state (found in Slack after a lost answer). */
  int UNKNOWN_VERSION = -1;

  /** This process's id, as its claims carry it. */
  String processId();

  Optional<Entry> find(String rolloutId, String key);

  /**
   * Claims the right to post a message. True for the one caller that gets it; also true when an
   * earlier claim was never completed and is older than {@code staleBefore} (its poster died).
   */
  boolean claim(String rolloutId, String key, String channel, Instant now, Instant staleBefore);

  /**
   * Takes over a claim that was never completed, if it is still held by {@code claimedBy} (empty
   * for a claim made before claims named their process): true for the one caller that gets it.
   */
  boolean takeOver(String rolloutId, String key, Optional<String> claimedBy, Instant now);

  /** Whether the process that made a claim still runs (it was seen after {@code seenAfter}). */
  boolean isAlive(String processId, Instant seenAfter);

  /** Says this process still runs; called every few seconds. */
  void heartbeat(Instant now);

  /**
   * Records the posted message's id and the signature of what it shows, drawn from the rollout's
   * state at {@code version}. When a drawing from a newer state was recorded meanwhile (another
   * replica drew it), what the message shows is no longer known: its signature is cleared so that
   * the next sync redraws it, and the newer version is kept.
   */
  void posted(String rolloutId, String key, String messageId, String signature, int version);

  /** The keys of a rollout's posted messages, in the order they were claimed. */
  List<String> keys(String rolloutId);

  /** Gives a claim back after the post failed, so a later sync tries again. */
  void release(String rolloutId, String key);
}
