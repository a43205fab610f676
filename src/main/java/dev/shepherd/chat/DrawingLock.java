package dev.shepherd.chat;

import java.util.function.Supplier;

/**
 * Held while one drawing of a thread's message is checked against the ledger, sent to Slack and
 * recorded: a click's answer, the update queue and another replica's sync may draw the same message
 * at once, and without it a drawing checked as current could reach Slack after a newer one sent
 * between its check and its call, leaving the message behind while the ledger says otherwise.
 */
public interface DrawingLock {

  /** Runs {@code drawing} while no other drawing of message {@code key} of the rollout runs. */
  <T> T holding(String rolloutId, String key, Supplier<T> drawing);
}
