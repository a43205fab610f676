package dev.shepherd.slack.view;

import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StepState;

/** How states and outcomes read in every message, so the views agree. */
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
}
