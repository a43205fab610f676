package dev.shepherd.learning.finding;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The port through which findings are kept per runbook, for the risk register. */
public interface FindingStore {
  /** The version at which each scanned rollout of the runbook had its findings stored. */
  Map<String, Integer> scanned(String runbookId);

  /**
   * Replaces a rollout's stored findings with these and notes the version they were derived at, in
   * one transaction. Coverage by a later revision, which no record holds, is kept for the findings
   * that are still there.
   */
  void replace(String rolloutId, String runbookId, int version, List<RunbookFinding> findings);

  /**
   * A rollout's stored findings, open and closed, in the order they were found, with the version
   * they were derived at; empty when none were stored.
   */
  Optional<Stored> of(String rolloutId);

  /** What is stored of one rollout. */
  record Stored(int version, List<RunbookFinding> findings) {}

  /** Coverage closures of a rollout's findings, by key. */
  Map<String, FindingClosure> coverage(String rolloutId);

  /** Open findings of a runbook (every runbook when empty), oldest first. */
  List<RunbookFinding> open(Optional<String> runbookId);

  /** Records that a later revision covers a finding. */
  void covered(String rolloutId, String key, FindingClosure closure);
}
