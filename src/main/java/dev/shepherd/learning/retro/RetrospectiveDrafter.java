package dev.shepherd.learning.retro;

import dev.shepherd.learning.finding.RolloutFindings;
import dev.shepherd.learning.stats.RunbookHistory;
import dev.shepherd.rollout.RolloutRecord;
import dev.shepherd.rollout.engine.RecordReader;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Drafts a rollout's retrospective from what is stored: its record, its findings, the runbook's
 * medians over the runs that ended before it, and the proposed runbook change when there is one.
 * What the Draft retrospective button posts and {@code shepherd retro} prints.
 */
public final class RetrospectiveDrafter {
  private final RecordReader records;
  private final RunbookHistory history;
  private final RolloutFindings findings;
  private final Function<String, Optional<String>> proposals;

  public RetrospectiveDrafter(
      RecordReader records, RunbookHistory history, RolloutFindings findings) {
    this(records, history, findings, id -> Optional.empty());
  }

  /**
   * @param proposals the proposed runbook diff of a rollout, by its id; empty for none
   */
  public RetrospectiveDrafter(
      RecordReader records,
      RunbookHistory history,
      RolloutFindings findings,
      Function<String, Optional<String>> proposals) {
    this.records = Objects.requireNonNull(records, "records");
    this.history = Objects.requireNonNull(history, "history");
    this.findings = Objects.requireNonNull(findings, "findings");
    this.proposals = Objects.requireNonNull(proposals, "proposals");
  }

  /** The retrospective's Markdown, or empty when there is no such rollout. */
  public Optional<String> draft(String rolloutId) {
    Optional<RolloutRecord> record = records.of(rolloutId);
    return record.map(
        r ->
            Retrospective.write(
                r,
                findings.of(rolloutId),
                history.before(r.rollout()),
                proposals.apply(rolloutId)));
  }
}
