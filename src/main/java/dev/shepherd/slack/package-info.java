/**
 * The Slack adapter: Bolt listeners for {@code /rollout}, buttons and the skip modal; the worker
 * that syncs each rollout's thread with the database after the ack; the paced Web API gateway.
 */
package dev.shepherd.slack;
