/**
 * The rules that guard the engine, one a class, composed like predicates: start rules (freezes,
 * channel, variables, choreography, canary, parallel, soak, windows, blackouts, one active rollout
 * a partition) and action rules (stale clicks, permissions, approvals, reasons). Each answers with
 * a refusal or nothing.
 */
package dev.shepherd.rollout.rule;
