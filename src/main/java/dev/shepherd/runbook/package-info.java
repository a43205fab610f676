/**
 * Runbooks: the model, the Markdown reader, templates and the renderer for a partition. Knows
 * nothing of Slack, SQL or git.
 *
 * <p>The reader is a pipeline of small parts over commonmark's tree (GFM tables, block source
 * spans): {@code FrontMatter} (Shepherd's keys checked, a docs site's ignored), the tab and option
 * variants and the hint ({@link dev.shepherd.runbook.procedure}), {@code Outline} (where the
 * procedure is: a tree of sections, each judged by its actions against what explains, with {@code
 * Segments} offering the candidate steps inside a section: list items, labelled paragraphs,
 * instructions with their code), {@code DocumentWalker} (routes each block to a step, the
 * introduction, a runbook-wide section or the checklist) with {@code Labels}, {@code LabelledText},
 * {@code Callouts}, {@code TroubleshootingTable} and {@code RowBuilder} reading what is inside,
 * {@code ForeignTemplates}, and {@code LineAccount}, the last pass, which accounts for every line.
 * {@link dev.shepherd.runbook.Survey} judges a parsed file for {@code shepherd survey}, {@code
 * DocumentKind} says when it is not a runbook.
 */
package dev.shepherd.runbook;
