package dev.shepherd.learning.finding;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.ChainLink;
import dev.shepherd.learning.stats.RunbookHistory;
import dev.shepherd.partition.Choreography;
import dev.shepherd.rollout.EndedRun;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutRecord;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.rollout.engine.PinnedRunbookRenderer;
import dev.shepherd.rollout.engine.RecordReader;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Rendition;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A rollout's findings and a runbook's open ones. Findings are derived from the record (with the
 * dismissals it holds) whenever asked; an ended rollout's are then stored, so the risk register is
 * an index look-up. A rollout whose version moved on since it was stored is derived again the next
 * time its runbook's register is read, so a crash between ending and storing loses nothing.
 */
public final class FindingService implements RolloutFindings {
  /** How far back a runbook's history is read for medians and earlier partitions. */
  static final int HISTORY = RunbookHistory.DEFAULT_LIMIT;

  /** Changed rollouts derived while a request waits; the rest wait for {@link #catchUp}. */
  static final int IN_PASSING = 3;

  private final RolloutStore rollouts;
  private final RecordReader records;
  private final FindingStore store;
  private final Function<Rollout, Optional<Runbook>> pinned;
  private final Function<String, List<String>> order;
  private final Clock clock;

  /** Whether derived findings are stored: not where the choreography is only guessed. */
  private final boolean keepsRegister;

  /**
   * @param pinned the runbook as a rollout walked it, rendered for its partition
   * @param order a runbook's partitions in the choreography's order
   */
  public FindingService(
      RolloutStore rollouts,
      RecordReader records,
      FindingStore store,
      Function<Rollout, Optional<Runbook>> pinned,
      Function<String, List<String>> order,
      Clock clock) {
    this.rollouts = Objects.requireNonNull(rollouts, "rollouts");
    this.records = Objects.requireNonNull(records, "records");
    this.store = Objects.requireNonNull(store, "store");
    this.pinned = Objects.requireNonNull(pinned, "pinned");
    this.order = Objects.requireNonNull(order, "order");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.keepsRegister = true;
  }

  private FindingService(
      RolloutStore rollouts, RecordReader records, FindingStore store, Clock clock) {
    RunbookParser parser = new RunbookParser();
    this.rollouts = rollouts;
    this.records = records;
    this.store = store;
    this.pinned =
        rollout ->
            rollouts
                .snapshot(rollout.runbook())
                .map(
                    text ->
                        parser.parse(rollout.runbook().path(), text, rollout.runbook().revision()));
    this.order = runbookId -> orderSeen(rollouts.ended(runbookId, HISTORY));
    this.clock = clock;
    this.keepsRegister = false;
  }

  /**
   * The findings a serving Shepherd keeps: each rollout's pinned runbook rendered for its
   * partition, and each runbook's partitions in the choreography's order.
   */
  public static FindingService of(
      RolloutStore rollouts,
      RecordReader records,
      FindingStore store,
      Choreography choreography,
      Supplier<Catalog> catalog,
      Clock clock) {
    PinnedRunbookRenderer pinned = new PinnedRunbookRenderer(rollouts, choreography);
    return new FindingService(
        rollouts,
        records,
        store,
        rollout -> pinned.of(rollout).map(Rendition::runbook),
        runbookId ->
            catalog
                .get()
                .find(runbookId)
                .map(r -> r.order(choreography.names()))
                .orElse(choreography.names()),
        clock);
  }

  /**
   * Findings read from the database alone, for the command line: the pinned runbooks unrendered and
   * the partitions in the order their first rollouts ran, since no config says it. Nothing is
   * stored: the serving Shepherd, which knows the choreography, keeps the register.
   */
  public static FindingService fromDatabase(
      RolloutStore rollouts, RecordReader records, FindingStore store, Clock clock) {
    return new FindingService(rollouts, records, store, clock);
  }

  /** Partitions in the order they first saw a rollout of the runbook. */
  static List<String> orderSeen(List<Rollout> newestFirst) {
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      seen.add(newestFirst.get(i).partition());
    }
    return List.copyOf(seen);
  }

  @Override
  public List<RunbookFinding> of(String rolloutId) {
    Optional<Rollout> rollout = rollouts.find(rolloutId);
    if (rollout.isEmpty()) {
      return List.of();
    }
    if (keepsRegister && rollout.get().endedAt().isPresent()) {
      // Stored at the rollout's version: its record has not changed since, nor have they.
      Optional<FindingStore.Stored> stored =
          store.of(rolloutId).filter(s -> s.version() == rollout.get().version());
      if (stored.isPresent()) {
        return stored.get().findings();
      }
    }
    return records
        .of(rolloutId)
        .map(record -> derive(record, rollouts.ended(record.rollout().runbook().id(), HISTORY)))
        .orElse(List.of());
  }

  /** One finding of a rollout by its key. */
  public Optional<RunbookFinding> find(String rolloutId, String key) {
    return of(rolloutId).stream().filter(f -> f.key().equals(key)).findFirst();
  }

  /** Open findings of a runbook, or of every runbook: the risk register. */
  public List<RunbookFinding> open(Optional<String> runbookId) {
    // Asked on a request's path: the newest few changes are derived now, the rest by catchUp.
    runbookId.ifPresent(id -> refresh(id, IN_PASSING));
    return store.open(runbookId).stream().filter(f -> f.kind().isRisk()).toList();
  }

  /**
   * The open findings of a runbook that this revision of it does not cover. Those it covers are
   * closed for good: a revision with the row is what the team pins from now on.
   */
  public List<RunbookFinding> openAgainst(Runbook revision) {
    List<RunbookFinding> open = new ArrayList<>();
    for (RunbookFinding finding : open(Optional.of(revision.id()))) {
      Optional<String> covered =
          finding.revision().equals(revision.revision())
              ? Optional.empty()
              : FindingCoverage.covers(revision, finding);
      if (covered.isPresent()) {
        store.covered(
            finding.rolloutId(),
            finding.key(),
            new FindingClosure(
                FindingClosure.Kind.COVERED,
                revision.revision().id(),
                covered.get(),
                clock.instant()));
      } else {
        open.add(finding);
      }
    }
    return open;
  }

  /**
   * Derives every ended rollout of these runbooks whose record changed since it was stored: at
   * start-up, on a thread of its own, so a register the database has never filled (an upgrade) is
   * filled off every request's path.
   */
  public void catchUp(List<String> runbookIds) {
    runbookIds.forEach(id -> refresh(id, Integer.MAX_VALUE));
  }

  private void refresh(String runbookId, int most) {
    Map<String, Integer> scanned = store.scanned(runbookId);
    List<EndedRun> changed =
        rollouts.endedRuns(runbookId, HISTORY).stream()
            .filter(run -> !Integer.valueOf(run.version()).equals(scanned.get(run.rolloutId())))
            .limit(most)
            .toList();
    if (changed.isEmpty()) {
      return;
    }
    List<Rollout> history = rollouts.ended(runbookId, HISTORY);
    for (EndedRun run : changed) {
      records.of(run.rolloutId()).ifPresent(record -> derive(record, history));
    }
  }

  private List<RunbookFinding> derive(RolloutRecord record, List<Rollout> history) {
    Rollout rollout = record.rollout();
    List<RunbookFinding> found =
        FindingDetector.detect(
            record,
            pinned.apply(rollout),
            history,
            new RunbookHistory(rollouts, HISTORY).before(rollout),
            order.apply(rollout.runbook().id()));
    Map<String, FindingClosure> covered = store.coverage(rollout.id());
    List<RunbookFinding> closed = new ArrayList<>();
    for (RunbookFinding finding : found) {
      closed.add(
          dismissal(record, finding)
              .or(() -> Optional.ofNullable(covered.get(finding.key())))
              .map(finding::closed)
              .orElse(finding));
    }
    if (keepsRegister && rollout.endedAt().isPresent()) {
      store.replace(rollout.id(), rollout.runbook().id(), rollout.version(), closed);
    }
    return List.copyOf(closed);
  }

  private static Optional<FindingClosure> dismissal(RolloutRecord record, RunbookFinding finding) {
    return record.trail().stream()
        .map(ChainLink::acknowledgement)
        .filter(a -> a.accepted() && a.action() == Action.DISMISS)
        .flatMap(
            a ->
                Dismissal.decode(a.detail())
                    .filter(d -> d.key().equals(finding.key()))
                    .map(d -> close(a, d))
                    .stream())
        .findFirst();
  }

  private static FindingClosure close(Acknowledgement ack, Dismissal dismissal) {
    return new FindingClosure(
        FindingClosure.Kind.DISMISSED, ack.user(), dismissal.reason(), ack.at());
  }
}
