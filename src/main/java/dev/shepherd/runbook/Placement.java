package dev.shepherd.runbook;

/**
 * Where a run of source lines went: {@code step 3}, {@code introduction}, {@code checklist}, {@code
 * runbook rollback}, {@code front matter}… One per block the reader placed.
 */
public record Placement(int firstLine, int lastLine, String where) {}
