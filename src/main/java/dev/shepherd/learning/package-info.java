/**
 * Runbooks that learn: what a rollout found that its runbook did not say (a symptom no
 * troubleshooting row names, a skipped or slow step, a latent bug that only fired on the last
 * partition), derived from the rollout's record, kept per runbook as a risk register until a later
 * revision covers it or an approver dismisses it. {@link dev.shepherd.learning.RunbookPatch} writes
 * findings back into the pinned text in the runbook's own shape, and {@link
 * dev.shepherd.learning.Proposals} makes that a diff (and a branch, through a {@link
 * dev.shepherd.learning.BranchPublisher} the git adapter implements). Domain values only: no Slack,
 * no SQL, no JGit.
 */
package dev.shepherd.learning;
