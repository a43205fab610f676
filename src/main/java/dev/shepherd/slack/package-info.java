/**
 * The Slack adapter's entry point and middleware: {@link dev.shepherd.slack.SlackApp} builds the
 * Bolt app and registers the listeners of {@code command} (slash commands), {@code interaction}
 * (button clicks and modals) and {@code event} (thread replies, the Home tab); {@code posting}
 * keeps each thread in step with the database after the ack; {@code view} draws Block Kit.
 */
package dev.shepherd.slack;
