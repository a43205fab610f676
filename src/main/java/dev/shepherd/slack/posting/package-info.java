/**
 * Posting after the ack: the worker, the thread sync that makes a thread match the database exactly
 * once across replicas, timed posts, ephemeral replies, and the paced Web API gateway.
 */
package dev.shepherd.slack.posting;
