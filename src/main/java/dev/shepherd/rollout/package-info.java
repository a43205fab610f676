/**
 * The rollout engine: the state machine, the rules that guard it (choreography, approvals, freezes,
 * channels, idempotency), the store port and the summary. No Slack, SQL or Quartz here.
 */
package dev.shepherd.rollout;
