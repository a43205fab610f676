/**
 * Who may do what: one policy, read from the config and narrowed (never widened) by a runbook, that
 * every action path asks.
 */
package dev.shepherd.rollout.access;
