/**
 * The runbook linter: one rule a class, problems as {@code path:line: severity: message}. {@link
 * dev.shepherd.lint.Linter} runs every rule on every runbook; {@link
 * dev.shepherd.lint.PartitionSafety} runs the partition-safety rules on one runbook and partition,
 * for a rollout about to start.
 */
package dev.shepherd.lint;
