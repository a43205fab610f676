/**
 * Block Kit views: one small class per message kind (the rollout's root message, a step, a rollback
 * step, a failure, the summary, a refusal), each turning domain values into Slack model objects
 * that respect Slack's limits. No I/O here: the Bolt listeners post what these return.
 *
 * <p>Text written for Slack's {@code mrkdwn} is always escaped ({@code & < >}); domain messages
 * that name users as {@code @U0ALICE} go through {@link dev.shepherd.slack.view.Mrkdwn#mentions}.
 */
package dev.shepherd.slack.view;
