package dev.shepherd.app;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What was started, closed in reverse: the last thing opened is the first closed, so nothing is
 * closed while something opened after it still uses it. Not thread-safe: built on one thread.
 */
final class Closer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Closer.class);
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();

  /** Remembers {@code resource} to close it before everything registered earlier. */
  <T extends AutoCloseable> T register(T resource) {
    opened.push(resource);
    return resource;
  }

  /** Closes everything registered, newest first; a failure is logged and the rest still close. */
  @Override
  public void close() {
    while (!opened.isEmpty()) {
      AutoCloseable resource = opened.pop();
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("while stopping: {}", e.toString());
      }
    }
  }
}
