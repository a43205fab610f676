/**
 * A rollout's record written out for people outside Slack: Markdown a change reviewer reads, JSON
 * with a documented schema (docs/guides/the-record.md), CSV for a spreadsheet. Adapters over {@link
 * dev.shepherd.rollout.RolloutRecord}; they read nothing themselves.
 */
package dev.shepherd.export;
