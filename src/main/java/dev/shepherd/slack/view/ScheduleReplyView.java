package dev.shepherd.slack.view;

import java.time.Instant;

/** The answer to {@code /rollout schedule}: when the rollout is planned, or why it is not. */
public final class ScheduleReplyView {
  private ScheduleReplyView() {}

  /** The rollout is planned: the time as each reader's own clock shows it. */
  public static String scheduled(String runbook, String partition, Instant at) {
    return ":calendar: "
        + runbook
        + " on "
        + partition
        + " is scheduled for "
        + Mrkdwn.date(at)
        + "; reminders will come in the thread";
  }

  /** The time could not be read; {@code examples} says what can be. */
  public static String unreadable(String when, String examples) {
    return ":question: cannot read \"" + Mrkdwn.escape(when) + "\" as a time: " + examples;
  }
}
