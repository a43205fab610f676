package dev.shepherd.slack.view;

import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StepState;
import java.time.Duration;

/** How states, outcomes and durations read in every message, so the views agree. */
final class States {
  private States() {}

  static String icon(StepState state) {
    return switch (state) {
      case DONE -> ":white_check_mark:";
      case FAILED -> ":x:";
      case SKIPPED -> ":fast_forward:";
      case POSTED -> ":hourglass_flowing_sand:";
      case PENDING -> ":white_circle:";
    };
  }

  /** A rollout's state as an outcome: {@code completed}, {@code rolled back}… */
  static String words(RolloutState state) {
    return switch (state) {
      case COMPLETED -> "completed";
      case ABORTED -> "aborted";
      case ROLLED_BACK -> "rolled back";
      case ROLLING_BACK -> "rolling back";
      case RUNNING -> "running";
      case CHECKLIST -> "at its checklist";
      case SCHEDULED -> "scheduled";
    };
  }

  /** For a header (plain text): one emoji per way a rollout can end. */
  static String icon(RolloutState state) {
    return switch (state) {
      case COMPLETED -> "✅";
      case ABORTED -> "⛔";
      case ROLLED_BACK, ROLLING_BACK -> "↩️";
      default -> "⏳";
    };
  }

  /** {@code 45s}, {@code 3m 12s}, {@code 1h 2m}, as the engine's own messages write them. */
  static String format(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m " + seconds % 60 + "s";
    }
    return seconds / 3600 + "h " + (seconds % 3600) / 60 + "m";
  }
}
