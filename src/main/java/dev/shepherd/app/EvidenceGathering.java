package dev.shepherd.app;

import dev.shepherd.audit.AuditReport;
import dev.shepherd.audit.WitnessCheck;
import dev.shepherd.export.EvidencePack;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutRecord;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.rollout.engine.RecordReader;
import dev.shepherd.source.UnifiedDiff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the evidence pack is made of, read from one database: each change of a period with its
 * record, the revision last completed on another partition before it and the diff from there, and
 * what verify (and the witness, when asked) says of its chain.
 */
final class EvidenceGathering {
  /** How far back a runbook's history is searched for the previous partition's rollout. */
  private static final int HISTORY = 500;

  private final RolloutStore store;
  private final RecordReader records;

  EvidenceGathering(RolloutStore store, RecordReader records) {
    this.store = store;
    this.records = records;
  }

  List<EvidencePack.Change> changes(
      Instant since,
      Instant until,
      Optional<String> partition,
      AuditReport verified,
      Optional<WitnessCheck.Result> witnessed) {
    Map<String, List<AuditReport.Tampering>> problems = new HashMap<>();
    verified
        .problems()
        .forEach(p -> problems.computeIfAbsent(p.chainKey(), k -> new ArrayList<>()).add(p));
    Map<String, AuditReport.Tampering> disagreements = new HashMap<>();
    witnessed.ifPresent(w -> w.problems().forEach(p -> disagreements.put(p.chainKey(), p)));
    List<EvidencePack.Change> changes = new ArrayList<>();
    for (RolloutRecord record : records.between(since, until)) {
      Rollout rollout = record.rollout();
      if (partition.isPresent() && !partition.get().equals(rollout.partition())) {
        continue;
      }
      String chain = "rollout:" + rollout.id();
      List<AuditReport.Tampering> mine = problems.getOrDefault(chain, List.of());
      String verify =
          mine.isEmpty()
              ? "verify: the chain of " + record.trail().size() + " acknowledgement(s) holds"
              : "verify: " + mine.get(0).message();
      Optional<String> witness =
          witnessed.map(
              w ->
                  Optional.ofNullable(disagreements.get(chain))
                      .map(p -> "Slack: " + p.message())
                      .orElse("Slack: no disagreement with the heads Slack holds"));
      changes.add(new EvidencePack.Change(record, previous(rollout), verify, witness));
    }
    return changes;
  }

  /** The rollout of the same runbook last completed on another partition before this one. */
  private Optional<EvidencePack.Previous> previous(Rollout rollout) {
    Optional<Rollout> before =
        store.ended(rollout.runbook().id(), HISTORY).stream()
            .filter(r -> r.state() == RolloutState.COMPLETED)
            .filter(r -> !r.partition().equals(rollout.partition()))
            .filter(r -> r.createdAt().isBefore(rollout.createdAt()))
            .filter(r -> r.endedAt().map(e -> !e.isAfter(rollout.createdAt())).orElse(false))
            .findFirst();
    if (before.isEmpty()) {
      return Optional.empty();
    }
    Rollout earlier = before.get();
    String diff =
        earlier.runbook().revision().equals(rollout.runbook().revision())
            ? ""
            : UnifiedDiff.of(
                rollout.runbook().path(),
                store.snapshot(earlier.runbook()).orElse(""),
                store.snapshot(rollout.runbook()).orElse(""));
    return Optional.of(
        new EvidencePack.Previous(
            earlier.partition(), earlier.id(), earlier.runbook().revision().toString(), diff));
  }
}
