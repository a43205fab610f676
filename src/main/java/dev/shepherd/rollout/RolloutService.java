package dev.shepherd.rollout;

import dev.shepherd.partition.Choreography;
import dev.shepherd.partition.Partition;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Renderer;
import dev.shepherd.runbook.Rendition;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookParser;
import dev.shepherd.runbook.Step;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The one door to every rollout state change. Each request runs in one store transaction that
 * writes the change and its acknowledgement together; refusals are recorded too, as values.
 * Thread-safe: concurrency is the database's job (row locks and unique constraints).
 */
public final class RolloutService {
  private final RolloutStore store;
  private final Choreography choreography;
  private final Supplier<Catalog> catalog;
  private final Clock clock;
  private final List<StartRule> startRules;
  private final RunbookParser parser = new RunbookParser();
  /** Pinned renditions by revision, path and partition; the least recently used go first. */
  private final java.util.Map<String, Rendition> renditions =
      new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Rendition> eldest) {
          return size() > 256;
        }
      };
  private final UserGroups groups;

  private final RolloutObserver observer;

  public RolloutService(RolloutStore store, Choreography choreography, Supplier<Catalog> catalog,
      Clock clock, List<RunbookCheck> checks) {
    this(store, choreography, catalog, clock, checks, RolloutObserver.NONE);
  }

  public RolloutService(RolloutStore store, Choreography choreography, Supplier<Catalog> catalog,
      Clock clock, List<RunbookCheck> checks, RolloutObserver observer) {
    this(store, choreography, catalog, clock, checks, observer, UserGroups.NONE);
  }

  /** @param groups who is in the Slack user groups named as approvers, asked at click time */
  public RolloutService(RolloutStore store, Choreography choreography, Supplier<Catalog> catalog,
      Clock clock, List<RunbookCheck> checks, RolloutObserver observer, UserGroups groups) {
    this.groups = Objects.requireNonNull(groups, "groups");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.store = Objects.requireNonNull(store, "store");
    this.choreography = Objects.requireNonNull(choreography, "choreography");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.startRules = StartRules.standard(
        checks.stream().<StartRule>map(CheckRule::new).toList());
  }

  /** Milliseconds are what every database keeps alike; finer parts would not survive a reload. */
  private Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  /** Starts a rollout, or says why not. */
  public Outcome start(StartRequest request) {
    return observed(create(request, Optional.empty()));
  }

  /**
   * Plans a rollout for a time: checked now as a start would be (and again at T-0), it holds its
   * partition while it waits.
   */
  public Outcome schedule(StartRequest request, Instant at) {
    return observed(create(request, Optional.of(at)));
  }

  /** Tells the observer, after the transaction committed. */
  Outcome observed(Outcome outcome) {
    try {
      observer.observed(outcome);
    } catch (RuntimeException e) {
      // counting must never change what a click did
    }
    return outcome;
  }

  private Outcome create(StartRequest request, Optional<Instant> at) {
    Instant now = now();
    Action action = at.isPresent() ? Action.SCHEDULE : Action.START;
    Optional<Runbook> runbook = catalog.get().find(request.runbookId());
    Optional<Partition> partition = choreography.find(request.partition());
    Optional<Refusal> early = runbook.isEmpty()
        ? Optional.of(new Refusal(Refusal.Reason.UNKNOWN_RUNBOOK, "no runbook " + request.runbookId()
            + " (runbooks: " + String.join(", ", catalog.get().runbooks().stream().map(Runbook::id).toList()) + ")"))
        : partition.isEmpty()
            ? Optional.of(new Refusal(Refusal.Reason.UNKNOWN_PARTITION, "no partition "
                + request.partition() + " (partitions: " + String.join(", ", choreography.names()) + ")"))
            : runbook.get().appliesTo(request.partition()) ? Optional.empty()
                : Optional.of(new Refusal(Refusal.Reason.NOT_APPLICABLE, runbook.get().id()
                    + " does not apply to " + request.partition() + " (it names "
                    + String.join(", ", runbook.get().partitions()) + ")"));
    if (early.isEmpty() && at.isPresent() && !at.get().isAfter(now)) {
      early = Optional.of(new Refusal(Refusal.Reason.INVALID_TIME, Times.format(at.get())
          + " is in the past (it is " + Times.format(now) + "): pick a later time"));
    }
    Optional<Refusal> refusedEarly = early;
    ApproverCheck operator = early.isEmpty() && request.override().isPresent()
        ? ApproverCheck.of(approvers(runbook.get(), partition.get()), request.operator(), groups)
        : ApproverCheck.NO;
    try {
      return store.inTransaction(tx -> {
        Optional<Outcome> duplicate = duplicate(tx, request.idempotencyKey());
        if (duplicate.isPresent()) {
          return duplicate.get();
        }
        if (refusedEarly.isPresent()) {
          return refuse(tx, refusedEarly.get(), Optional.empty(),
              startAck(request, action, now, false, refusedEarly.get().message()));
        }
        return create(tx, request, runbook.get(), partition.get(), now, at, operator);
      });
    } catch (RolloutStore.Conflict conflict) {
      return afterConflict(conflict, request.idempotencyKey(), () -> store.inTransaction(tx -> {
        Refusal refusal = tx.activeOn(request.partition()).map(ActiveRolloutRule::refusal)
            .orElse(new Refusal(Refusal.Reason.ACTIVE_ROLLOUT, request.partition()
                + " was just taken by another rollout: try again"));
        return refuse(tx, refusal, Optional.empty(), startAck(request, action, now, false, refusal.message()));
      }));
    }
  }

  private Outcome create(RolloutStore.Transaction tx, StartRequest request, Runbook runbook,
      Partition partition, Instant now, Optional<Instant> at, ApproverCheck operator) {
    Action action = at.isPresent() ? Action.SCHEDULE : Action.START;
    Rendition rendition = Renderer.render(runbook, partition);
    List<String> order = runbook.order(choreography.names());
    Set<String> approvers = approvers(runbook, partition);
    StartContext context = new StartContext(request, runbook, rendition, partition, order,
        approvers, tx, now, choreography, at, operator);
    for (StartRule rule : startRules) {
      Optional<Refusal> refusal = rule.check(context);
      if (refusal.isPresent()) {
        return refuse(tx, refusal.get(), Optional.empty(),
            startAck(request, action, now, false, refusal.get().message()));
      }
    }
    List<String> breaches = StartRules.breaches(startRules, context);
    Optional<ChoreographyOverride> override = request.override()
        .filter(reason -> !breaches.isEmpty())
        .map(reason -> new ChoreographyOverride(request.operator(), reason));
    Rollout planned = new Rollout(
        UUID.randomUUID().toString(),
        new RunbookRef(runbook.id(), runbook.path(), rendition.runbook().title(), runbook.revision()),
        partition.name(), request.operator(), ChatThread.in(request.channel()),
        at.isPresent() ? RolloutState.SCHEDULED : RolloutState.RUNNING, now, at,
        at.isPresent() ? Optional.empty() : Optional.of(now), Optional.empty(), override,
        Warnings.compute(context, override, breaches), List.copyOf(approvers), partition.approvals(),
        steps(rendition.runbook(), partition), List.of(), 0);
    Rollout rollout = (at.isPresent() ? planned : Transitions.advance(planned, now)).bumped();
    tx.insert(rollout);
    tx.snapshot(rollout.runbook(), runbook.source());
    Acknowledgement ack = tx.append(new Acknowledgement(0, Optional.of(rollout.id()),
        partition.name(), Optional.empty(), Optional.empty(), action, request.operator(), now,
        Optional.of(request.idempotencyKey()), true,
        override.map(o -> "override: " + o.reason()).orElse("revision " + runbook.revision().shortId())));
    return new Outcome.Accepted(Optional.of(rollout), ack);
  }

  private static Set<String> approvers(Runbook runbook, Partition partition) {
    Set<String> approvers = new LinkedHashSet<>(runbook.approvers());
    approvers.addAll(partition.approvers());
    return approvers;
  }

  private static List<StepRun> steps(Runbook rendered, Partition partition) {
    List<StepRun> steps = new ArrayList<>();
    for (Step step : rendered.steps()) {
      steps.add(StepRun.pending(Phase.FORWARD, step.number(), step.number(), step.title(),
          step.approvalRequired() || partition.isProtected(), step.rollback().isPresent()));
    }
    return steps;
  }

  /** Applies a click, or says why not. */
  public Outcome act(ActionRequest request) {
    return observed(apply(request));
  }

  private Outcome apply(ActionRequest request) {
    Instant now = now();
    // A rollout's approvers never change, so the clicking user is checked against them (and
    // against Slack's groups) before the transaction locks anything.
    ApproverCheck check = store.find(request.rolloutId())
        .map(r -> ApproverCheck.of(r.approvers(), request.user(), groups)).orElse(ApproverCheck.NO);
    List<ActionRule> actionRules = List.of(new StaleRule(), new PermissionRule(check),
        new ReasonRule(), new ApprovalRule());
    try {
      return store.inTransaction(tx -> {
        Optional<Outcome> duplicate = duplicate(tx, request.idempotencyKey());
        if (duplicate.isPresent()) {
          return duplicate.get();
        }
        Optional<Rollout> locked = tx.lock(request.rolloutId());
        if (locked.isEmpty()) {
          Refusal refusal = new Refusal(Refusal.Reason.NOT_FOUND, "no rollout " + request.rolloutId());
          return refuse(tx, refusal, Optional.empty(), actionAck(request, "", now, false, refusal.message()));
        }
        Rollout rollout = locked.get();
        for (ActionRule rule : actionRules) {
          Optional<Refusal> refusal = rule.check(rollout, request);
          if (refusal.isPresent()) {
            return refuse(tx, refusal.get(), Optional.of(rollout),
                actionAck(request, rollout.partition(), now, false, refusal.get().message()));
          }
        }
        Rollout next = Transitions.apply(rollout, request, now).bumped();
        tx.update(rollout, next);
        Acknowledgement ack = tx.append(actionAck(request, rollout.partition(), now, true,
            request.reason().orElse("")));
        return new Outcome.Accepted(Optional.of(next), ack);
      });
    } catch (RolloutStore.Conflict conflict) {
      return afterConflict(conflict, request.idempotencyKey(), () -> apply(request));
    }
  }

  /** Aborts whatever rollout is active on a partition (the operator's or an approver's call). */
  public Outcome abortActive(String partition, String user, String idempotencyKey) {
    Optional<Rollout> active = activeOn(partition);
    if (active.isPresent()) {
      return act(new ActionRequest(active.get().id(), Action.ABORT, Phase.FORWARD, 0, user,
          idempotencyKey, Optional.of("aborted from the command line")));
    }
    Instant now = now();
    return store.inTransaction(tx -> duplicate(tx, idempotencyKey).orElseGet(() -> {
      Refusal refusal = new Refusal(Refusal.Reason.NOT_FOUND, "no active rollout on " + partition);
      return refuse(tx, refusal, Optional.empty(), new Acknowledgement(0, Optional.empty(),
          partition, Optional.empty(), Optional.empty(), Action.ABORT, user, now,
          Optional.of(idempotencyKey), false, refusal.message()));
    }));
  }

  /** Closes a partition to new rollouts. Only its approvers may. */
  public Outcome freeze(String partition, String user, String reason, String idempotencyKey) {
    return observed(partitionAction(Action.FREEZE, partition, user, Optional.ofNullable(reason), idempotencyKey));
  }

  public Outcome unfreeze(String partition, String user, String idempotencyKey) {
    return observed(partitionAction(Action.UNFREEZE, partition, user, Optional.empty(), idempotencyKey));
  }

  private Outcome partitionAction(Action action, String partitionName, String user,
      Optional<String> reason, String key) {
    Instant now = now();
    Optional<String> why = reason.map(String::strip).filter(r -> !r.isEmpty());
    ApproverCheck check = choreography.find(partitionName)
        .map(p -> ApproverCheck.of(approversOf(p), user, groups)).orElse(ApproverCheck.NO);
    try {
      return store.inTransaction(tx -> {
        Optional<Outcome> duplicate = duplicate(tx, key);
        if (duplicate.isPresent()) {
          return duplicate.get();
        }
        Optional<Refusal> refusal = partitionRefusal(tx, action, partitionName, user, why, check);
        Acknowledgement ack = new Acknowledgement(0, Optional.empty(), partitionName,
            Optional.empty(), Optional.empty(), action, user, now, Optional.of(key),
            refusal.isEmpty(), refusal.map(Refusal::message).orElse(why.orElse("")));
        if (refusal.isPresent()) {
          return refuse(tx, refusal.get(), Optional.empty(), ack);
        }
        if (action == Action.FREEZE) {
          tx.freeze(new Freeze(partitionName, user, why.orElseThrow(), now));
        } else {
          tx.unfreeze(partitionName);
        }
        Acknowledgement stored = tx.append(ack);
        return new Outcome.Accepted(Optional.empty(), stored);
      });
    } catch (RolloutStore.Conflict conflict) {
      return afterConflict(conflict, key, () -> partitionAction(action, partitionName, user, reason, key));
    }
  }

  private Optional<Refusal> partitionRefusal(RolloutStore.Transaction tx, Action action,
      String partitionName, String user, Optional<String> reason, ApproverCheck check) {
    Optional<Partition> partition = choreography.find(partitionName);
    if (partition.isEmpty()) {
      return Optional.of(new Refusal(Refusal.Reason.UNKNOWN_PARTITION, "no partition "
          + partitionName + " (partitions: " + String.join(", ", choreography.names()) + ")"));
    }
    Set<String> approvers = approversOf(partition.get());
    if (!check.approver()) {
      return check.unreadable().or(() -> Optional.of(new Refusal(Refusal.Reason.NOT_ALLOWED, "only an approver of "
          + partitionName + " can " + action.label() + " it (approvers: "
          + ChoreographyRule.mentions(approvers) + ")")));
    }
    Optional<Freeze> current = tx.freeze(partitionName);
    if (action == Action.FREEZE) {
      if (reason.isEmpty()) {
        return Optional.of(new Refusal(Refusal.Reason.REASON_REQUIRED,
            "a freeze needs a reason: /rollout freeze " + partitionName + " incident INC-123"));
      }
      return current.map(f -> new Refusal(Refusal.Reason.FROZEN, partitionName
          + " is frozen already by @" + f.by() + " since " + Times.format(f.at()) + ": " + f.reason()));
    }
    return current.isPresent() ? Optional.empty()
        : Optional.of(new Refusal(Refusal.Reason.NOT_FROZEN, partitionName + " is not frozen"));
  }

  /** Everyone who may approve anything on a partition: its approvers and its runbooks'. */
  public Set<String> approversOf(Partition partition) {
    Set<String> approvers = new LinkedHashSet<>(partition.approvers());
    catalog.get().forPartition(partition.name()).forEach(r -> approvers.addAll(r.approvers()));
    return approvers;
  }

  /** Records which chat thread a rollout lives in, once its root message is posted. */
  public Rollout bindThread(String rolloutId, ChatThread thread) {
    return store.inTransaction(tx -> {
      Rollout rollout = tx.lock(rolloutId).orElseThrow(
          () -> new IllegalArgumentException("no rollout " + rolloutId));
      Rollout bound = rollout.withThread(thread);
      tx.update(rollout, bound);
      return bound;
    });
  }

  /**
   * The runbook exactly as the rollout started it, rendered for its partition: the pinned
   * revision's text, whatever the source holds now.
   */
  public Optional<Rendition> pinned(Rollout rollout) {
    Optional<Partition> partition = choreography.find(rollout.partition());
    if (partition.isEmpty()) {
      return Optional.empty();
    }
    // A revision's text never changes and the partitions are fixed while Shepherd runs, so each
    // rendition is parsed once, not on every thread sync, sweep and timer.
    String key = rollout.runbook().revision().kind() + ":" + rollout.runbook().revision().id() + ":"
        + rollout.runbook().path() + ":" + partition.get().name();
    synchronized (renditions) {
      Rendition known = renditions.get(key);
      if (known != null) {
        return Optional.of(known);
      }
    }
    Optional<Rendition> rendition = store.snapshot(rollout.runbook()).map(text -> Renderer.render(
        parser.parse(rollout.runbook().path(), text, rollout.runbook().revision()), partition.get()));
    rendition.ifPresent(r -> {
      synchronized (renditions) {
        renditions.put(key, r);
      }
    });
    return rendition;
  }

  public Optional<Rollout> find(String rolloutId) {
    return store.find(rolloutId);
  }

  public List<Rollout> active() {
    return store.active();
  }

  /** The active rollout on a partition, if any. */
  public Optional<Rollout> activeOn(String partition) {
    return store.inTransaction(tx -> tx.activeOn(partition));
  }

  /**
   * The latest completed run of a runbook on each partition where it completed, in the runbook's
   * order of partitions.
   */
  public List<CompletedRun> completed(String runbookId) {
    List<String> order = catalog.get().find(runbookId).map(r -> r.order(choreography.names()))
        .orElse(choreography.names());
    return store.completed(runbookId, order);
  }

  /** Ids of rollouts that ended within the given time, newest last. */
  public List<String> endedSince(java.time.Duration within) {
    return store.endedSince(now().minus(within));
  }

  public List<Acknowledgement> trail(String rolloutId) {
    return store.trail(rolloutId);
  }

  public List<Freeze> freezes() {
    return store.freezes();
  }

  /** The post-rollout summary of a rollout, ended or not. */
  public Optional<Summary> summary(String rolloutId) {
    return store.find(rolloutId).map(rollout -> Summary.of(rollout, store.trail(rolloutId),
        catalog.get().find(rollout.runbook().id())
            .map(r -> r.order(choreography.names())).orElse(choreography.names())));
  }

  UserGroups groups() {
    return groups;
  }

  RolloutStore store() {
    return store;
  }

  Choreography choreography() {
    return choreography;
  }

  List<StartRule> startRules() {
    return startRules;
  }

  Instant clockNow() {
    return now();
  }

  Optional<Outcome> duplicate(RolloutStore.Transaction tx, String key) {
    return tx.acknowledgement(key).map(original -> new Outcome.Duplicate(
        original.rolloutId().flatMap(id -> tx.lock(id)), original));
  }

  static Outcome refuse(RolloutStore.Transaction tx, Refusal refusal,
      Optional<Rollout> rollout, Acknowledgement ack) {
    return new Outcome.Refused(refusal, rollout, tx.append(ack));
  }

  /**
   * A constraint fired: a concurrent request with the same key won (answer as a duplicate), or a
   * concurrent change won the race (try the request again against the new state).
   */
  Outcome afterConflict(RolloutStore.Conflict conflict, String key, Supplier<Outcome> retry) {
    if (conflict.kind() == RolloutStore.Conflict.Kind.DUPLICATE_KEY) {
      return store.inTransaction(tx -> duplicate(tx, key)).orElseThrow(() -> conflict);
    }
    return retry.get();
  }

  private static Acknowledgement startAck(StartRequest request, Action action, Instant now,
      boolean accepted, String detail) {
    return new Acknowledgement(0, Optional.empty(), request.partition(), Optional.empty(),
        Optional.empty(), action, request.operator(), now,
        Optional.of(request.idempotencyKey()), accepted, detail);
  }

  private static Acknowledgement actionAck(ActionRequest request, String partition, Instant now,
      boolean accepted, String detail) {
    boolean stepAction = request.action().targetsStep();
    return new Acknowledgement(0, Optional.of(request.rolloutId()), partition,
        stepAction ? Optional.of(request.phase()) : Optional.empty(),
        stepAction ? Optional.of(request.position()) : Optional.empty(), request.action(),
        request.user(), now, Optional.of(request.idempotencyKey()), accepted, detail);
  }

  /** A start rule made of a pluggable runbook check (the prod-only lint, say). */
  private static final class CheckRule implements StartRule {
    private final RunbookCheck check;

    CheckRule(RunbookCheck check) {
      this.check = check;
    }

    @Override
    public Optional<Refusal> check(StartContext context) {
      List<String> errors = check.errors(context.runbook(), context.partition());
      return errors.isEmpty() ? Optional.empty()
          : Optional.of(new Refusal(Refusal.Reason.UNSAFE_RUNBOOK, "cannot start "
              + context.request().runbookId() + " on " + context.partition().name() + ": "
              + String.join("; ", errors)));
    }
  }
}
