package dev.shepherd.learning.finding;

import java.util.List;

/** The findings of one rollout, derived from its record: what proposals and retrospectives read. */
@FunctionalInterface
public interface RolloutFindings {
  /** Every finding of the rollout, open or closed, in the order of its steps; empty if unknown. */
  List<RunbookFinding> of(String rolloutId);
}
