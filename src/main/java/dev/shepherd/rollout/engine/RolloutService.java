package dev.shepherd.rollout.engine;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.ChainHead;
import dev.shepherd.audit.Phase;
import dev.shepherd.audit.Redaction;
import dev.shepherd.audit.Redactions;
import dev.shepherd.partition.Choreography;
import dev.shepherd.partition.Partition;
import dev.shepherd.rollout.ActionRequest;
import dev.shepherd.rollout.AfterTheFactRequest;
import dev.shepherd.rollout.ChannelAudience;
import dev.shepherd.rollout.ChatThread;
import dev.shepherd.rollout.ChecklistState;
import dev.shepherd.rollout.CompletedRun;
import dev.shepherd.rollout.Freeze;
import dev.shepherd.rollout.NoteRequest;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.RedactRequest;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.RiskRegister;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutObserver;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.rollout.RunbookCheck;
import dev.shepherd.rollout.Soak;
import dev.shepherd.rollout.StartRequest;
import dev.shepherd.rollout.Summary;
import dev.shepherd.rollout.UserGroups;
import dev.shepherd.rollout.access.AccessPolicy;
import dev.shepherd.rollout.rule.StartContext;
import dev.shepherd.rollout.rule.StartRule;
import dev.shepherd.rollout.rule.StartRules;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Rendition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one door to every rollout state change. Each request runs in one store transaction that
 * writes the change and its acknowledgement together; refusals are recorded too, as values. The
 * work is done by one class per concern (starts, clicks, partition freezes, pinned renditions)
 * sharing {@link TransactionRecorder}. Thread-safe: concurrency is the database's job (row locks
 * and unique constraints).
 */
public final class RolloutService {
  private final RolloutStore store;
  private final Choreography choreography;
  private final Supplier<Catalog> catalog;
  private final List<StartRule> startRules;
  private final TransactionRecorder transactions;
  private final RolloutStarter starts;
  private final ActionApplier clicks;
  private final PartitionFreezer freezes;
  private final PinnedRunbookRenderer pinned;
  private final NoteRecorder notes;
  private final RolloutPeople people;
  private final ChannelAudience audience;
  private final AfterTheFactRecorder hindsight;
  private final RedactionRecorder redactions;
  private final UserGroups groups;
  private final RolloutScheduler schedules;
  private final FleetFreezer fleet;
  private final SoakWatcher soaks;
  private final AccessPolicy access;

  public RolloutService(
      RolloutStore store,
      Choreography choreography,
      Supplier<Catalog> catalog,
      Clock clock,
      List<RunbookCheck> checks) {
    this(store, choreography, catalog, clock, checks, RolloutObserver.NONE);
  }

  public RolloutService(
      RolloutStore store,
      Choreography choreography,
      Supplier<Catalog> catalog,
      Clock clock,
      List<RunbookCheck> checks,
      RolloutObserver observer) {
    this(store, choreography, catalog, clock, checks, observer, UserGroups.NONE);
  }

  /**
   * @param groups who is in the Slack user groups named as approvers, asked at click time
   */
  public RolloutService(
      RolloutStore store,
      Choreography choreography,
      Supplier<Catalog> catalog,
      Clock clock,
      List<RunbookCheck> checks,
      RolloutObserver observer,
      UserGroups groups) {
    this(store, choreography, catalog, clock, checks, observer, groups, RiskRegister.NONE);
  }

  /**
   * @param risks what earlier rollouts of a runbook found, warned about when it starts again
   */
  public RolloutService(
      RolloutStore store,
      Choreography choreography,
      Supplier<Catalog> catalog,
      Clock clock,
      List<RunbookCheck> checks,
      RolloutObserver observer,
      UserGroups groups,
      RiskRegister risks) {
    this(
        store,
        choreography,
        catalog,
        clock,
        checks,
        observer,
        groups,
        risks,
        AccessPolicy.of(choreography),
        ChannelAudience.EVERYONE);
  }

  /**
   * @param access who may do what, from the config: every action path asks it
   * @param audience who is in a rollout's channel: its members of the installing workspace are
   *     among the rollout's people, whose notes the record takes as its own
   */
  public RolloutService(
      RolloutStore store,
      Choreography choreography,
      Supplier<Catalog> catalog,
      Clock clock,
      List<RunbookCheck> checks,
      RolloutObserver observer,
      UserGroups groups,
      RiskRegister risks,
      AccessPolicy access,
      ChannelAudience audience) {
    this.access = Objects.requireNonNull(access, "access");
    this.audience = Objects.requireNonNull(audience, "audience");
    this.people = new RolloutPeople(groups, audience, access);
    this.groups = Objects.requireNonNull(groups, "groups");
    Objects.requireNonNull(observer, "observer");
    this.store = Objects.requireNonNull(store, "store");
    this.choreography = Objects.requireNonNull(choreography, "choreography");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(clock, "clock");
    RunbookChecks runbookChecks = new RunbookChecks(checks);
    this.startRules =
        StartRules.standard(runbookChecks.isEmpty() ? List.of() : List.of(new CheckRule()));
    this.transactions = new TransactionRecorder(store, clock, observer);
    this.starts =
        new RolloutStarter(
            transactions,
            choreography,
            catalog,
            startRules,
            runbookChecks,
            groups,
            Objects.requireNonNull(risks, "risks"),
            access);
    this.pinned = new PinnedRunbookRenderer(store, choreography);
    this.clicks = new ActionApplier(transactions, groups, pinned);
    this.freezes = new PartitionFreezer(transactions, choreography, access, groups);
    this.notes = new NoteRecorder(transactions);
    this.hindsight = new AfterTheFactRecorder(transactions, groups, access);
    this.redactions = new RedactionRecorder(transactions, groups, access);
    EngineParts parts =
        new EngineParts(
            store,
            choreography,
            startRules,
            runbookChecks,
            transactions,
            groups,
            pinned,
            freezes,
            access);
    this.schedules = new RolloutScheduler(parts);
    this.fleet = new FleetFreezer(parts);
    this.soaks = new SoakWatcher(parts);
  }

  /** Starts a rollout, or says why not. */
  public Outcome start(StartRequest request) {
    return observed(starts.create(request, Optional.empty()));
  }

  /**
   * Plans a rollout for a time: checked now as a start would be (and again at T-0), it holds its
   * partition while it waits.
   */
  public Outcome schedule(StartRequest request, Instant at) {
    return observed(starts.create(request, Optional.of(at)));
  }

  /** Applies a click, or says why not. */
  public Outcome act(ActionRequest request) {
    return observed(clicks.apply(request));
  }

  /** Records a note on a rollout's current step, or says why not. */
  public Outcome note(NoteRequest request) {
    // Asked before the transaction: it may ask the chat who is in the channel.
    boolean insider =
        store
            .find(request.rolloutId())
            .map(r -> people.includes(r, request.user(), request.fromAnotherTeam()))
            .orElse(false);
    return observed(notes.note(request, insider));
  }

  /**
   * Records what fixed a failed step, or a finding's dismissal, or says why not: on any rollout,
   * ended or not.
   */
  public Outcome hindsight(AfterTheFactRequest request) {
    return observed(hindsight.record(request));
  }

  /**
   * Takes a note, symptom, fix or outsider's note off what the record shows, or says why not: a
   * redaction acknowledgement that supersedes it, by its author or a keeper of the rollout's
   * partition, on any rollout, ended or not. To them, a note already redacted is answered as a
   * {@link Outcome.Duplicate} holding that redaction, and nothing is recorded; anyone else is
   * refused.
   */
  public Outcome redact(RedactRequest request) {
    return observed(redactions.redact(request));
  }

  /**
   * What a reply in a chat thread was recorded as (its note, or the refusal of it), if anything.
   */
  public Optional<Acknowledgement> recordedReply(String channel, String messageTs) {
    return store.inTransaction(tx -> tx.acknowledgement(NoteRequest.replyKey(channel, messageTs)));
  }

  /** The redaction that superseded an acknowledgement of a rollout, if one did. */
  public Optional<Redaction> redaction(String rolloutId, long acknowledgementId) {
    return Optional.ofNullable(Redactions.in(store.trail(rolloutId)).get(acknowledgementId));
  }

  /**
   * Records a reply in a chat thread as evidence on the current step of the rollout that lives
   * there. Empty, with nothing recorded, when no rollout lives there or none of its steps is
   * current: chatter after a rollout ended is not evidence.
   */
  public Optional<Outcome> reply(String channel, String threadTs, NoteRequest.Draft draft) {
    Optional<Rollout> rollout =
        store
            .inThread(channel, threadTs)
            .flatMap(store::find)
            .filter(r -> r.currentStep().isPresent());
    return rollout.map(r -> note(draft.on(r.id())));
  }

  /** Aborts whatever rollout is active on a partition (the operator's or an approver's call). */
  public Outcome abortActive(String partition, String user, String idempotencyKey) {
    Optional<Rollout> active = activeOn(partition);
    if (active.isPresent()) {
      return act(
          new ActionRequest(
              active.get().id(),
              Action.ABORT,
              Phase.FORWARD,
              0,
              user,
              idempotencyKey,
              Optional.of("aborted from the command line")));
    }
    return clicks.nothingToAbort(partition, user, idempotencyKey);
  }

  /** Cancels what is scheduled on a partition (its operator or an approver). */
  public Outcome unschedule(String partition, String user, String idempotencyKey) {
    return schedules.unschedule(partition, user, idempotencyKey);
  }

  /** T-0 of a scheduled rollout: its checklist is due, and its Start button appears. */
  public Outcome due(String rolloutId) {
    return schedules.due(rolloutId);
  }

  /** Starts a scheduled rollout at its T-0 button, checked again as a start is. */
  public Outcome begin(String rolloutId, String user, String idempotencyKey) {
    return schedules.begin(rolloutId, user, idempotencyKey);
  }

  /** Ticks (or unticks) one item of a scheduled rollout's checklist. */
  public Outcome tick(String rolloutId, int item, boolean ticked, String user, String key) {
    return schedules.tick(rolloutId, item, ticked, user, key);
  }

  /** A scheduled rollout's checklist items and who ticked them, as the record says. */
  public List<ChecklistState> checklist(Rollout rollout) {
    return schedules.checklist(rollout);
  }

  /** Rollouts waiting for their T-0. */
  public List<Rollout> scheduled() {
    return schedules.scheduled();
  }

  /** The incident switch: closes every partition at once. */
  public Outcome freezeAll(String user, String reason, String idempotencyKey) {
    return fleet.freezeAll(user, reason, idempotencyKey);
  }

  public Outcome unfreezeAll(String user, String idempotencyKey) {
    return fleet.unfreezeAll(user, idempotencyKey);
  }

  /** The fleet freeze, if the switch is on. */
  public Optional<Freeze> fleetFreeze() {
    return fleet.current();
  }

  /** The soak a completed rollout ended its wave with, if any (see {@link SoakWatcher#after}). */
  public Optional<Soak> soakAfter(Rollout rollout) {
    return soaks.after(rollout);
  }

  /** The soak announcement a timer owes at {@code now}, checked again when it fires. */
  public Optional<Soak> soakDue(String rolloutId, Instant now) {
    return soaks.due(rolloutId, now);
  }

  /** Closes a partition to new rollouts. Only its approvers may. */
  public Outcome freeze(String partition, String user, String reason, String idempotencyKey) {
    return observed(
        freezes.change(
            Action.FREEZE, partition, user, Optional.ofNullable(reason), idempotencyKey));
  }

  public Outcome unfreeze(String partition, String user, String idempotencyKey) {
    return observed(
        freezes.change(Action.UNFREEZE, partition, user, Optional.empty(), idempotencyKey));
  }

  /**
   * Whether a user may write to the team's repository for a rollout (push a proposal branch): a
   * keeper of its partition in the config (directly or through a Slack user group), never a
   * runbook's approver alone.
   */
  public boolean mayPush(Rollout rollout, String user) {
    return access.isKeeper(rollout.partition(), user, groups).approver();
  }

  /** Who may freeze, override or dismiss on a partition: its approvers in the config. */
  public Set<String> keepersOf(Partition partition) {
    return access.keepers(partition);
  }

  /** Who may approve a runbook's steps and operate it, and how far ahead a schedule may be. */
  public AccessPolicy access() {
    return access;
  }

  /**
   * Whether {@code user} may read about a rollout (the Home tab, status, risks, list): its channel
   * is public, or they are in it. Asks the chat (cached): call it outside any transaction.
   */
  public boolean canSee(Rollout rollout, String user) {
    return audience.canSee(rollout.thread().channel(), user);
  }

  /** {@link #canSee(Rollout, String)} by id; a rollout not on the record is seen by nobody. */
  public boolean canSee(String rolloutId, String user) {
    return find(rolloutId).map(r -> canSee(r, user)).orElse(false);
  }

  /** Records which chat thread a rollout lives in, once its root message is posted. */
  public Rollout bindThread(String rolloutId, ChatThread thread) {
    return clicks.bindThread(rolloutId, thread);
  }

  /**
   * The runbook exactly as the rollout started it, rendered for its partition: the pinned
   * revision's text, whatever the source holds now.
   */
  public Optional<Rendition> pinned(Rollout rollout) {
    return pinned.of(rollout);
  }

  /**
   * The newest link of a rollout's chain, which its summary carries to Slack as a witness kept
   * outside the database.
   */
  public Optional<ChainHead> head(String rolloutId) {
    return store.head(rolloutId);
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
    return store.completed(runbookId, order(runbookId));
  }

  /** Ids of rollouts that ended within the given time, newest last. */
  public List<String> endedSince(Duration within) {
    return store.endedSince(now().minus(within));
  }

  /**
   * A rollout's acknowledgements as they are shown, oldest first: a redacted note's text replaced
   * by its redaction ({@link Redactions}).
   */
  public List<Acknowledgement> trail(String rolloutId) {
    return Redactions.shown(store.trail(rolloutId));
  }

  public List<Freeze> freezes() {
    return store.freezes();
  }

  /** The post-rollout summary of a rollout, ended or not. */
  public Optional<Summary> summary(String rolloutId) {
    return store
        .find(rolloutId)
        .map(rollout -> Summary.of(rollout, trail(rolloutId), order(rollout.runbook().id())));
  }

  /** A runbook's partitions in the choreography's order (every partition for one it lacks). */
  public List<String> order(String runbookId) {
    return catalog
        .get()
        .find(runbookId)
        .map(r -> r.order(choreography.names()))
        .orElse(choreography.names());
  }

  private Instant now() {
    return transactions.now();
  }

  private Outcome observed(Outcome outcome) {
    return transactions.observed(outcome);
  }

  /**
   * A start rule made of the pluggable runbook checks (the prod-only lint, say), asked before the
   * transaction: it reads their verdict from the context, in its place in the rules' order.
   */
  private static final class CheckRule implements StartRule {
    @Override
    public Optional<Refusal> check(StartContext context) {
      List<String> errors = context.runbookErrors();
      return errors.isEmpty()
          ? Optional.empty()
          : Optional.of(
              new Refusal(
                  Refusal.Reason.UNSAFE_RUNBOOK,
                  "cannot start "
                      + context.request().runbookId()
                      + " on "
                      + context.partition().name()
                      + ": "
                      + String.join("; ", errors)));
    }
  }
}
