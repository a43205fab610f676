/**
 * Runbooks: the model, the Markdown parser (commonmark with GFM tables), templates and the
 * renderer for a partition. Knows nothing of Slack, SQL or git.
 */
package dev.shepherd.runbook;
