package dev.shepherd.slack.posting;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per message of a rollout's thread (striped), held while a drawing of it is checked
 * against the ledger, sent to Slack and recorded: a click's answer and the update queue draw the
 * same message on different threads, and without it a drawing checked as current could land after a
 * newer one that was sent between its check and its call.
 */
final class MessageLock {
  private static final int STRIPES = 64;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  MessageLock() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  <T> T holding(String rolloutId, String key, Supplier<T> drawing) {
    ReentrantLock lock = locks[Math.floorMod((rolloutId + "|" + key).hashCode(), STRIPES)];
    lock.lock();
    try {
      return drawing.get();
    } finally {
      lock.unlock();
    }
  }
}
