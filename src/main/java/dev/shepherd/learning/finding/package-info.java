/**
 * Findings: what a rollout showed that its runbook does not say (a symptom no troubleshooting row
 * names, a skipped or slow step, a latent bug that only fired on the last partition), derived from
 * the record and kept per runbook as a risk register until a revision covers it or an approver
 * dismisses it.
 */
package dev.shepherd.learning.finding;
