package dev.shepherd.rollout.engine;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.partition.Partition;
import dev.shepherd.rollout.ChecklistState;
import dev.shepherd.rollout.ChoreographyOverride;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.rollout.StartRequest;
import dev.shepherd.rollout.rule.ActiveRolloutRule;
import dev.shepherd.rollout.rule.ApproverCheck;
import dev.shepherd.rollout.rule.StartContext;
import dev.shepherd.rollout.rule.StartRule;
import dev.shepherd.runbook.ChecklistItem;
import dev.shepherd.runbook.Rendition;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What happens to a rollout between {@code /rollout schedule} and its Start: the checklist ticks,
 * T-0, the start itself (checked again as a start is), and cancelling. Every change goes through
 * the same store transaction with its acknowledgement as any other.
 */
final class RolloutScheduler {
  /** Who acts when nobody clicked: T-0 arriving. */
  public static final String SHEPHERD = "shepherd";

  private final EngineParts engine;

  RolloutScheduler(EngineParts engine) {
    this.engine = engine;
  }

  /** Cancels what is scheduled on a partition (its operator or an approver). */
  public Outcome unschedule(String partition, String user, String key) {
    Optional<Rollout> planned = engine.activeOn(partition).filter(Rollout::waitingToStart);
    if (planned.isEmpty()) {
      return refuseOutside(
          partition,
          Action.UNSCHEDULE,
          user,
          key,
          new Refusal(Refusal.Reason.NOT_FOUND, "nothing is scheduled on " + partition));
    }
    return change(
        planned.get().id(),
        Action.UNSCHEDULE,
        user,
        key,
        Optional.empty(),
        (rollout, now, check) -> {
          if (!rollout.waitingToStart()) {
            return Either.refused(
                new Refusal(
                    Refusal.Reason.STALE,
                    "the rollout on "
                        + partition
                        + " is "
                        + rollout.state().label()
                        + ", not scheduled"));
          }
          return permitted(rollout, user, check, "cancel")
              .<Either>map(Either::refused)
              .orElseGet(() -> Either.next(rollout.withState(RolloutState.ABORTED, now)));
        });
  }

  /** T-0: the rollout now waits for its operator's Start. Safe to call again. */
  public Outcome due(String rolloutId) {
    return change(
        rolloutId,
        Action.DUE,
        SHEPHERD,
        "due:" + rolloutId,
        Optional.empty(),
        (rollout, now, check) ->
            rollout.state() == RolloutState.SCHEDULED
                ? Either.next(rollout.withState(RolloutState.CHECKLIST, now))
                : Either.refused(
                    new Refusal(
                        Refusal.Reason.STALE,
                        "the rollout is " + rollout.state().label() + ", not waiting for T-0")));
  }

  /** The operator (or an approver) starts a scheduled rollout, checked again as a start is. */
  public Outcome begin(String rolloutId, String user, String key) {
    return change(
        rolloutId,
        Action.BEGIN,
        user,
        key,
        Optional.empty(),
        (rollout, now, check) -> {
          if (!rollout.waitingToStart()) {
            return Either.refused(
                new Refusal(
                    Refusal.Reason.STALE,
                    "this rollout is " + rollout.state().label() + ": there is nothing to start"));
          }
          Optional<Refusal> refusal = permitted(rollout, user, check, "start");
          if (refusal.isEmpty()) {
            refusal = recheck(rollout, user, check, key, now);
          }
          if (refusal.isPresent()) {
            return Either.refused(refusal.get());
          }
          List<String> warnings = new ArrayList<>(rollout.warnings());
          List<String> open =
              checklist(rollout).stream()
                  .filter(c -> !c.isTicked())
                  .map(ChecklistState::text)
                  .toList();
          if (!open.isEmpty()) {
            warnings.add("checklist items still open at start: " + String.join("; ", open));
          }
          return Either.next(
              StepTransitions.advance(
                  rollout.withState(RolloutState.RUNNING, now).withWarnings(warnings), now));
        });
  }

  /** Ticks (or unticks) checklist item {@code item} (from 1). */
  public Outcome tick(String rolloutId, int item, boolean ticked, String user, String key) {
    Action action = ticked ? Action.TICK : Action.UNTICK;
    return change(
        rolloutId,
        action,
        user,
        key,
        Optional.of(item),
        (rollout, now, check) -> {
          if (!rollout.state().isActive()) {
            return Either.refused(
                new Refusal(
                    Refusal.Reason.STALE,
                    "this rollout is " + rollout.state().label() + "; its checklist is closed"));
          }
          Optional<Refusal> refusal =
              permitted(rollout, user, check, action.label() + " the checklist of");
          if (refusal.isPresent()) {
            return Either.refused(refusal.get());
          }
          List<ChecklistState> checklist = checklist(rollout);
          if (item < 1 || item > checklist.size()) {
            return Either.refused(
                new Refusal(Refusal.Reason.STALE, "there is no checklist item " + item));
          }
          if (checklist.get(item - 1).isTicked() == ticked) {
            return Either.refused(
                new Refusal(
                    Refusal.Reason.STALE,
                    "\""
                        + checklist.get(item - 1).text()
                        + "\" is "
                        + (ticked ? "ticked" : "open")
                        + " already"));
          }
          return Either.next(rollout);
        });
  }

  /** The rollout's checklist, rendered for its partition, with who ticked what. */
  public List<ChecklistState> checklist(Rollout rollout) {
    List<ChecklistItem> items =
        engine.pinned().of(rollout).map(r -> r.runbook().checklist()).orElse(List.of());
    List<Optional<Acknowledgement>> ticks = new ArrayList<>();
    items.forEach(i -> ticks.add(Optional.empty()));
    for (Acknowledgement ack : engine.store().trail(rollout.id())) {
      if (!ack.accepted() || ack.position().isEmpty()) {
        continue;
      }
      int index = ack.position().get() - 1;
      if (index >= 0 && index < ticks.size()) {
        if (ack.action() == Action.TICK) {
          ticks.set(index, Optional.of(ack));
        } else if (ack.action() == Action.UNTICK) {
          ticks.set(index, Optional.empty());
        }
      }
    }
    List<ChecklistState> states = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Optional<Acknowledgement> tick = ticks.get(i);
      states.add(
          new ChecklistState(
              i + 1,
              items.get(i).text(),
              tick.map(Acknowledgement::user),
              tick.map(Acknowledgement::at)));
    }
    return states;
  }

  /** Rollouts waiting for their time or their Start. */
  public List<Rollout> scheduled() {
    return engine.store().active().stream().filter(Rollout::waitingToStart).toList();
  }

  /**
   * Besides its operator, who may cancel, begin or tick a scheduled rollout: its approvers and the
   * partition's approvers in the config (who hold the partition, so may free it).
   */
  private Set<String> mayManage(Rollout rollout) {
    Set<String> who = new LinkedHashSet<>(rollout.approvers());
    engine
        .choreography()
        .find(rollout.partition())
        .ifPresent(p -> who.addAll(engine.access().keepers(p)));
    return who;
  }

  /** Whether the rollout waits for its time or its Start. */
  private static Optional<Refusal> permitted(
      Rollout rollout, String user, ApproverCheck check, String what) {
    if (user.equals(rollout.operator()) || check.approver()) {
      return Optional.empty();
    }
    return check
        .unreadable()
        .or(
            () ->
                Optional.of(
                    new Refusal(
                        Refusal.Reason.NOT_ALLOWED,
                        "only the operator (@"
                            + rollout.operator()
                            + ") or an approver can "
                            + what
                            + " this rollout")));
  }

  /** The start rules again at T-0, on the pinned text and today's config and freezes. */
  private Optional<Refusal> recheck(
      Rollout rollout, String user, ApproverCheck check, String key, Instant now) {
    Optional<Partition> partition = engine.choreography().find(rollout.partition());
    Optional<Rendition> pinned = engine.pinned().of(rollout);
    if (partition.isEmpty() || pinned.isEmpty()) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.UNKNOWN_PARTITION,
              rollout.partition() + " is no longer in the config"));
    }
    StartRequest request =
        new StartRequest(
            rollout.runbook().id(),
            rollout.partition(),
            rollout.operator(),
            rollout.thread().channel(),
            rollout.override().map(ChoreographyOverride::reason),
            key,
            rollout.thread().team());
    Set<String> keepers = engine.access().keepers(partition.get());
    // Whether the operator may still override: asked only when the rollout was overridden.
    ApproverCheck operator =
        rollout.override().isEmpty()
            ? ApproverCheck.NO
            : engine.access().isKeeper(partition.get(), rollout.operator(), engine.groups());
    // Parsed and checked before the transaction, as a start is: neither holds a connection.
    Runbook runbook = parsed(rollout, pinned.get());
    List<String> runbookErrors = engine.runbookChecks().errors(runbook, partition.get());
    return engine
        .store()
        .inTransaction(
            tx -> {
              StartContext context =
                  new StartContext(
                      request,
                      runbook,
                      pinned.get(),
                      partition.get(),
                      engine.choreography().names(),
                      keepers,
                      tx,
                      now,
                      engine.choreography(),
                      Optional.empty(),
                      operator,
                      runbookErrors);
              for (StartRule rule : engine.startRules()) {
                if (rule instanceof ActiveRolloutRule) {
                  continue; // the scheduled rollout is the one holding its partition
                }
                Optional<Refusal> refusal = rule.check(context);
                if (refusal.isPresent()) {
                  return refusal;
                }
              }
              return Optional.<Refusal>empty();
            });
  }

  private Runbook parsed(Rollout rollout, Rendition pinned) {
    String text = engine.store().snapshot(rollout.runbook()).orElse("");
    return new RunbookParser().parse(rollout.runbook().path(), text, rollout.runbook().revision());
  }

  /** A change's verdict: the next value, or a refusal. */
  private record Either(Optional<Rollout> next, Optional<Refusal> refusal) {
    static Either next(Rollout rollout) {
      return new Either(Optional.of(rollout), Optional.empty());
    }

    static Either refused(Refusal refusal) {
      return new Either(Optional.empty(), Optional.of(refusal));
    }
  }

  @FunctionalInterface
  private interface Decision {
    Either decide(Rollout rollout, Instant now, ApproverCheck user);
  }

  private Outcome change(
      String rolloutId,
      Action action,
      String user,
      String key,
      Optional<Integer> position,
      Decision decision) {
    return engine
        .transactions()
        .observed(transact(rolloutId, action, user, key, position, decision));
  }

  private Outcome transact(
      String rolloutId,
      Action action,
      String user,
      String key,
      Optional<Integer> position,
      Decision decision) {
    Instant now = engine.transactions().now();
    // A rollout's approvers never change: the user is checked against them (and Slack's groups)
    // before the transaction locks the rollout.
    ApproverCheck check =
        user.equals(SHEPHERD)
            ? ApproverCheck.NO
            : engine
                .store()
                .find(rolloutId)
                .map(r -> ApproverCheck.of(mayManage(r), user, engine.groups()))
                .orElse(ApproverCheck.NO);
    try {
      return engine
          .store()
          .inTransaction(
              tx -> {
                Optional<Outcome> duplicate = engine.transactions().duplicate(tx, key);
                if (duplicate.isPresent()) {
                  return duplicate.get();
                }
                Optional<Rollout> locked = tx.lock(rolloutId);
                if (locked.isEmpty()) {
                  Refusal refusal =
                      new Refusal(Refusal.Reason.NOT_FOUND, "no rollout " + rolloutId);
                  return TransactionRecorder.refuse(
                      tx,
                      refusal,
                      Optional.empty(),
                      ack(
                          rolloutId,
                          "",
                          action,
                          user,
                          now,
                          key,
                          position,
                          false,
                          refusal.message()));
                }
                Rollout rollout = locked.get();
                Either verdict = decision.decide(rollout, now, check);
                if (verdict.refusal().isPresent()) {
                  return TransactionRecorder.refuse(
                      tx,
                      verdict.refusal().get(),
                      Optional.of(rollout),
                      ack(
                          rolloutId,
                          rollout.partition(),
                          action,
                          user,
                          now,
                          key,
                          position,
                          false,
                          verdict.refusal().get().message()));
                }
                Rollout next = verdict.next().orElseThrow().bumped();
                tx.update(rollout, next);
                String detail =
                    position
                        .flatMap(
                            item ->
                                checklist(rollout).stream()
                                    .filter(c -> c.item() == item)
                                    .map(ChecklistState::text)
                                    .findFirst())
                        .orElse("");
                Acknowledgement stored =
                    tx.append(
                        ack(
                            rolloutId,
                            rollout.partition(),
                            action,
                            user,
                            now,
                            key,
                            position,
                            true,
                            detail));
                return new Outcome.Accepted(Optional.of(next), stored);
              });
    } catch (RolloutStore.Conflict conflict) {
      return engine
          .transactions()
          .afterConflict(
              conflict, key, () -> transact(rolloutId, action, user, key, position, decision));
    }
  }

  private Outcome refuseOutside(
      String partition, Action action, String user, String key, Refusal refusal) {
    Instant now = engine.transactions().now();
    return engine
        .store()
        .inTransaction(
            tx ->
                engine
                    .transactions()
                    .duplicate(tx, key)
                    .orElseGet(
                        () ->
                            TransactionRecorder.refuse(
                                tx,
                                refusal,
                                Optional.empty(),
                                new Acknowledgement(
                                    0,
                                    Optional.empty(),
                                    partition,
                                    Optional.empty(),
                                    Optional.empty(),
                                    action,
                                    user,
                                    now,
                                    Optional.of(key),
                                    false,
                                    refusal.message()))));
  }

  private static Acknowledgement ack(
      String rolloutId,
      String partition,
      Action action,
      String user,
      Instant now,
      String key,
      Optional<Integer> position,
      boolean accepted,
      String detail) {
    return new Acknowledgement(
        0,
        Optional.of(rolloutId),
        partition,
        Optional.empty(),
        position,
        action,
        user,
        now,
        Optional.of(key),
        accepted,
        detail);
  }
}
