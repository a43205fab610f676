package dev.shepherd.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;

/**
 * What a fuzz target may spend on one input: 1 s of this thread's CPU for each 64 KB (at least 1
 * s). CPU time, not the wall clock: the machine is shared, and a target waiting for a core is not
 * slow; a pattern that backtracks burns CPU on this thread and is caught all the same. Not the 100
 * ms a warm JVM reads 64 KB in: the corpus runs each input once, cold (interpreted code took up to
 * 0.4 s for 64 KB of blanks, 0.7 s under Jazzer's hooks on java.util.regex), and a quadratic
 * pattern at 64 KB takes seconds, a cubic one for ever, so 1 s still tells linear from not.
 */
public final class FuzzBudget {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long PER_64_KB_NANOS = 1_000_000_000L;

  private FuzzBudget() {}

  /** The fuzzer's bytes as text, as a runbook, a person or Slack would send them. */
  public static String text(byte[] data) {
    return new String(data, StandardCharsets.UTF_8);
  }

  /** Runs one input and fails when it took more CPU than its size allows. */
  public static void within(String what, int length, Runnable target) {
    long budget = PER_64_KB_NANOS * Math.max(1, (length + 65_535) / 65_536);
    long start = cpu();
    target.run();
    long spent = cpu() - start;
    if (spent > budget) {
      throw new AssertionError(
          what
              + " took "
              + spent / 1_000_000
              + " ms of CPU for "
              + length
              + " characters (budget "
              + budget / 1_000_000
              + " ms)");
    }
  }

  private static long cpu() {
    return THREADS.isCurrentThreadCpuTimeSupported()
        ? THREADS.getCurrentThreadCpuTime()
        : System.nanoTime();
  }
}
