/**
 * Runbooks that learn, in four packages: {@code finding} (what a rollout found that its runbook
 * does not say, kept as a risk register), {@code writeback} (those findings written back into the
 * runbook in its own shape, as a diff or a branch), {@code retro} (the retrospective) and {@code
 * stats} (step times and medians). Domain values only: no Slack, no SQL, no JGit.
 */
package dev.shepherd.learning;
