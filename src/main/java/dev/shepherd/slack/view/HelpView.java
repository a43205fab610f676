package dev.shepherd.slack.view;

/** The answer to {@code /rollout help}, and to words it does not know. */
public final class HelpView {
  /** What {@code /rollout} can do, one verb a line. */
  public static final String TEXT =
      String.join(
          "\n",
          "*Shepherd* walks a runbook through a partition, step by step, in a thread.",
          "• `/rollout <partition> [runbook-id]` start a rollout (e.g. `/rollout prod oam-secrets`)",
          "• `/rollout <partition> <runbook-id> --override \"reason\"` start despite the choreography (approvers only)",
          "• `/rollout status` active rollouts, with links to their threads",
          "• `/rollout list` runbooks, and where each has completed",
          "• `/rollout abort <partition>` abort the active rollout there",
          "• `/rollout schedule <partition> <runbook-id> <when>` plan a rollout (`in 2h`, `2026-12-01T14:00Z`)",
          "• `/rollout unschedule <partition>` cancel what is scheduled there",
          "• `/rollout freeze <partition> <reason>` / `/rollout unfreeze <partition>` (approvers only)",
          "• `/rollout stats <runbook-id>` runs per partition, medians, failure and change failure rates",
          "• `/rollout freeze all <reason>` / `/rollout unfreeze all` every partition at once (approvers only)",
          "• `/rollout risks [runbook]` what earlier rollouts found that the runbook does not say yet",
          "• `/rollout evidence <date>` the day's change evidence, told to you alone (approvers only)",
          "• `/rollout redact <rollout-id> <#> <reason>` take a note off the record by its row in the export (its author or a keeper)",
          "• `/rollout help` this text");

  private HelpView() {}
}
