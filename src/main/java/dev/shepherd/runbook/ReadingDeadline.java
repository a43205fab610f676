package dev.shepherd.runbook;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When reading one runbook must have finished: checked between blocks, so a runbook that takes too
 * long is given up at the line the reader had reached, not read for ever.
 */
final class ReadingDeadline {
  private final long end;
  private final Duration budget;
  private final LongSupplier nanoTime;

  ReadingDeadline(Duration budget, LongSupplier nanoTime) {
    this.budget = budget;
    this.nanoTime = nanoTime;
    this.end = nanoTime.getAsLong() + budget.toNanos();
  }

  /** Gives up when the deadline has passed, naming the line the reader is at. */
  void check(int line) {
    if (nanoTime.getAsLong() - end > 0) {
      throw new RunbookParser.TooSlow(line, budget);
    }
  }
}
