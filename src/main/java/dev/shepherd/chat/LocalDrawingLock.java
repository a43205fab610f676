package dev.shepherd.chat;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The drawing lock of a process that posts alone (on an H2 file): one lock per message, striped, in
 * memory.
 */
public final class LocalDrawingLock implements DrawingLock {
  private static final int STRIPES = 64;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  public LocalDrawingLock() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  @Override
  public <T> T holding(String rolloutId, String key, Supplier<T> drawing) {
    ReentrantLock lock = locks[Math.floorMod((rolloutId + "|" + key).hashCode(), STRIPES)];
    lock.lock();
    try {
      return drawing.get();
    } finally {
      lock.unlock();
    }
  }
}
