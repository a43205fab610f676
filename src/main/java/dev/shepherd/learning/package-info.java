/**
 * Runbooks that learn: what a rollout found that its runbook did not say (a symptom no
 * troubleshooting row names, a skipped or slow step, a latent bug that only fired on the last
 * partition), derived from the rollout's record, kept per runbook as a risk register until a later
 * revision covers it or an approver dismisses it. Domain values only: no Slack, no SQL.
 */
package dev.shepherd.learning;
