/** Events Slack sends: a person's reply in a rollout's thread (a note), the Home tab opened. */
package dev.shepherd.slack.event;
