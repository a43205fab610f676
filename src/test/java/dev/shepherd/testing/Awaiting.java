package dev.shepherd.testing;

import java.time.Duration;
import java.util.Optional;

/**
 * Waiting for a positive marker instead of sleeping: poll a condition until it holds, or fail after
 * a deadline naming what was awaited. A test that means "nothing happened" waits first for a later
 * thing that must happen, then asserts the earlier one left no trace.
 */
public final class Awaiting {
  /** How often a condition is looked at again. */
  private static final Duration POLL = Duration.ofMillis(20);

  private Awaiting() {}

  /** A condition that may look through I/O; an exception it throws fails the wait. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  /** A look-up that may go through I/O; empty means "not yet". */
  @FunctionalInterface
  public interface Probe<T> {
    Optional<T> find() throws Exception;
  }

  /** Returns once {@code condition} holds; fails after {@code timeout} naming {@code what}. */
  public static void until(String what, Duration timeout, Condition condition)
      throws InterruptedException {
    Boolean unused =
        untilFound(what, timeout, () -> condition.holds() ? Optional.of(true) : Optional.empty());
  }

  /**
   * Returns the first value {@code probe} finds; fails after {@code timeout} naming {@code what}.
   */
  public static <T> T untilFound(String what, Duration timeout, Probe<T> probe)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> found;
      try {
        found = probe.find();
      } catch (InterruptedException e) {
        throw e;
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new AssertionError("failed while waiting for " + what, e);
      }
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      // The one sleep behind every wait: a poll interval, not a guess at how long work takes.
      Thread.sleep(POLL.toMillis());
    }
  }
}
