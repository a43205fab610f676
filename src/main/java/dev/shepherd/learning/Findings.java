package dev.shepherd.learning;

import dev.shepherd.rollout.Acknowledgement;
import dev.shepherd.rollout.Action;
import dev.shepherd.rollout.ChainLink;
import dev.shepherd.rollout.Records;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutRecord;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.runbook.Runbook;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A rollout's findings and a runbook's open ones. Findings are derived from the record (with the
 * dismissals it holds) whenever asked; an ended rollout's are then stored, so the risk register
 * is an index look-up. A rollout whose version moved on since it was stored is derived again the
 * next time its runbook's register is read, so a crash between ending and storing loses nothing.
 */
public final class Findings implements RolloutFindings {
  /** How far back a runbook's history is read for medians and earlier partitions. */
  static final int HISTORY = 200;

  private final RolloutStore rollouts;
  private final Records records;
  private final FindingStore store;
  private final Function<Rollout, Optional<Runbook>> pinned;
  private final Function<String, List<String>> order;
  private final Clock clock;

  /**
   * @param pinned the runbook as a rollout walked it, rendered for its partition
   * @param order a runbook's partitions in the choreography's order
   */
  public Findings(RolloutStore rollouts, Records records, FindingStore store,
      Function<Rollout, Optional<Runbook>> pinned, Function<String, List<String>> order, Clock clock) {
    this.rollouts = Objects.requireNonNull(rollouts, "rollouts");
    this.records = Objects.requireNonNull(records, "records");
    this.store = Objects.requireNonNull(store, "store");
    this.pinned = Objects.requireNonNull(pinned, "pinned");
    this.order = Objects.requireNonNull(order, "order");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<RunbookFinding> of(String rolloutId) {
    return records.of(rolloutId).map(record -> derive(record, rollouts.ended(
        record.rollout().runbook().id(), HISTORY))).orElse(List.of());
  }

  /** One finding of a rollout by its key. */
  public Optional<RunbookFinding> find(String rolloutId, String key) {
    return of(rolloutId).stream().filter(f -> f.key().equals(key)).findFirst();
  }

  /** Open findings of a runbook, or of every runbook: the risk register. */
  public List<RunbookFinding> open(Optional<String> runbookId) {
    runbookId.ifPresent(this::refresh);
    return store.open(runbookId).stream().filter(f -> f.kind().isRisk()).toList();
  }

  /**
   * The open findings of a runbook that this revision of it does not cover. Those it covers are
   * closed for good: a revision with the row is what the team pins from now on.
   */
  public List<RunbookFinding> openAgainst(Runbook revision) {
    List<RunbookFinding> open = new ArrayList<>();
    for (RunbookFinding finding : open(Optional.of(revision.id()))) {
      Optional<String> covered = finding.revision().equals(revision.revision()) ? Optional.empty()
          : FindingCoverage.covers(revision, finding);
      if (covered.isPresent()) {
        store.covered(finding.rolloutId(), finding.key(), new Closure(Closure.Kind.COVERED,
            revision.revision().id(), covered.get(), clock.instant()));
      } else {
        open.add(finding);
      }
    }
    return open;
  }

  /** Derives again every ended rollout of the runbook whose version moved on since it was stored. */
  private void refresh(String runbookId) {
    List<Rollout> history = rollouts.ended(runbookId, HISTORY);
    Map<String, Integer> scanned = store.scanned(runbookId);
    for (Rollout rollout : history) {
      Integer version = scanned.get(rollout.id());
      if (version == null || version != rollout.version()) {
        records.of(rollout.id()).ifPresent(record -> derive(record, history));
      }
    }
  }

  private List<RunbookFinding> derive(RolloutRecord record, List<Rollout> history) {
    Rollout rollout = record.rollout();
    List<RunbookFinding> found = FindingDetector.detect(record, pinned.apply(rollout), history,
        order.apply(rollout.runbook().id()));
    Map<String, Closure> covered = store.coverage(rollout.id());
    List<RunbookFinding> closed = new ArrayList<>();
    for (RunbookFinding finding : found) {
      closed.add(dismissal(record, finding)
          .or(() -> Optional.ofNullable(covered.get(finding.key())))
          .map(finding::closed).orElse(finding));
    }
    if (rollout.endedAt().isPresent()) {
      store.replace(rollout.id(), rollout.runbook().id(), rollout.version(), closed);
    }
    return List.copyOf(closed);
  }

  private static Optional<Closure> dismissal(RolloutRecord record, RunbookFinding finding) {
    return record.trail().stream().map(ChainLink::acknowledgement)
        .filter(a -> a.accepted() && a.action() == Action.DISMISS)
        .flatMap(a -> Dismissal.decode(a.detail()).filter(d -> d.key().equals(finding.key()))
            .map(d -> close(a, d)).stream())
        .findFirst();
  }

  private static Closure close(Acknowledgement ack, Dismissal dismissal) {
    return new Closure(Closure.Kind.DISMISSED, ack.user(), dismissal.reason(), ack.at());
  }
}
