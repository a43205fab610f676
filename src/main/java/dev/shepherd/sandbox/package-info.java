/**
 * The sandbox: Shepherd started as {@code serve} starts it, with Slack played on this machine. A
 * stand-in answers the Web API methods Shepherd calls and keeps the channel in memory; a page shows
 * that channel the way Slack would, and turns every command, click and modal submission into the
 * signed request Slack would send to {@code /slack/events}. Nothing runs anywhere.
 *
 * <p>{@link dev.shepherd.sandbox.Sandbox} is the one entry point; the rest is package-private.
 */
package dev.shepherd.sandbox;
