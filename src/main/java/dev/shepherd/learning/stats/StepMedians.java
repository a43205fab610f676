package dev.shepherd.learning.stats;

import java.time.Duration;
import java.util.Optional;

/** How long a runbook step usually takes: the median of its earlier done runs, when it has any. */
@FunctionalInterface
public interface StepMedians {
  StepMedians NONE = (runbookStep, title) -> Optional.empty();

  Optional<Duration> medianOf(int runbookStep, String title);
}
