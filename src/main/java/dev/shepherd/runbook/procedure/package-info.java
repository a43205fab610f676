/**
 * Finding the procedure in a runbook: the judgements the reader's planner makes about text, kept
 * apart from the Markdown tree. {@link dev.shepherd.runbook.procedure.Instructions} says whether a
 * sentence tells the operator to do something; {@link dev.shepherd.runbook.procedure.Variants}
 * finds the tabs and numbered options whose alternatives are one step, not several; {@link
 * dev.shepherd.runbook.procedure.Hints} reads the {@code <!-- shepherd: steps -->} marker. Plain
 * string scanning only: every method runs in time linear in its input.
 */
package dev.shepherd.runbook.procedure;
