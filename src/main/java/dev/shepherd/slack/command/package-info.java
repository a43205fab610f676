/**
 * {@code /rollout …}: the words parsed, one engine call, the answer; the start form and its runbook
 * choice.
 */
package dev.shepherd.slack.command;
