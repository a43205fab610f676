/**
 * Runbooks: the model, the Markdown reader, templates and the renderer for a partition. Knows
 * nothing of Slack, SQL or git.
 *
 * <p>The reader is a pipeline of small shape readers over commonmark's tree (GFM tables, block
 * source spans): {@code FrontMatter} (Shepherd's keys checked, a docs site's ignored), {@code
 * Outline} (which headings and lists are steps: numbered headings, procedure headings, list items,
 * plain headings), {@code DocumentWalker} (routes each block to a step, the introduction, a
 * runbook-wide section or the checklist) with {@code Labels}, {@code LabelledText}, {@code
 * Callouts}, {@code TroubleshootingTable} and {@code RowBuilder} reading what is inside, {@code
 * ForeignTemplates}, and {@code LineAccount}, the last pass, which accounts for every line. {@link
 * dev.shepherd.runbook.Survey} judges a parsed file for {@code shepherd survey}.
 */
package dev.shepherd.runbook;
