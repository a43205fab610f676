/**
 * Writing findings back into the runbook: rows and notes inserted in the runbook's own shape
 * ({@link dev.shepherd.learning.writeback.RunbookPatch}), made a proposal with its diff and, where
 * the config asks, a branch through {@link dev.shepherd.learning.writeback.BranchPublisher}.
 */
package dev.shepherd.learning.writeback;
