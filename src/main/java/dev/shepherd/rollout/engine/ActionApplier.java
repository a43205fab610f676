package dev.shepherd.rollout.engine;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.RecordLimits;
import dev.shepherd.audit.SecretRedactor;
import dev.shepherd.rollout.ActionRequest;
import dev.shepherd.rollout.ChatThread;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.rollout.StepFingerprint;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.UserGroups;
import dev.shepherd.rollout.rule.ActionRule;
import dev.shepherd.rollout.rule.ApprovalRule;
import dev.shepherd.rollout.rule.ApproverCheck;
import dev.shepherd.rollout.rule.DrawingRule;
import dev.shepherd.rollout.rule.PermissionRule;
import dev.shepherd.rollout.rule.ReasonRule;
import dev.shepherd.rollout.rule.StaleRule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Clicks on a rollout's steps and on the rollout itself: the action rules, then the transition. */
final class ActionApplier {
  private final TransactionRecorder transactions;
  private final UserGroups groups;
  private final PinnedRunbookRenderer pinned;

  ActionApplier(TransactionRecorder transactions, UserGroups groups, PinnedRunbookRenderer pinned) {
    this.transactions = transactions;
    this.groups = groups;
    this.pinned = pinned;
  }

  Outcome apply(ActionRequest given) {
    // A skip's or failure's reason is a person's words kept forever, as a note is: a pasted
    // secret is recorded redacted, on the record and on the step alike.
    ActionRequest request =
        new ActionRequest(
            given.rolloutId(),
            given.action(),
            given.phase(),
            given.position(),
            given.user(),
            given.idempotencyKey(),
            given.reason().map(SecretRedactor::redact),
            given.drawn());
    Instant now = transactions.now();
    // A rollout's approvers never change, so the clicking user is checked against them (and
    // against Slack's groups) before the transaction locks anything.
    ApproverCheck check =
        transactions
            .store()
            .find(request.rolloutId())
            .map(r -> ApproverCheck.of(r.approvers(), request.user(), groups))
            .orElse(ApproverCheck.NO);
    List<ActionRule> actionRules =
        List.of(
            new StaleRule(),
            new DrawingRule(this::drawnNow),
            new PermissionRule(check),
            new ReasonRule(),
            new ApprovalRule());
    try {
      return transactions
          .store()
          .inTransaction(
              tx ->
                  transactions.onLockedRollout(
                      tx,
                      request.idempotencyKey(),
                      request.rolloutId(),
                      refusal -> actionAck(request, "", now, false, refusal.message()),
                      rollout -> {
                        for (ActionRule rule : actionRules) {
                          Optional<Refusal> refusal = rule.check(rollout, request);
                          if (refusal.isPresent()) {
                            return TransactionRecorder.refuse(
                                tx,
                                refusal.get(),
                                Optional.of(rollout),
                                actionAck(
                                    request,
                                    rollout.partition(),
                                    now,
                                    false,
                                    refusal.get().message()));
                          }
                        }
                        Rollout next = StepTransitions.apply(rollout, request, now).bumped();
                        tx.update(rollout, next);
                        Acknowledgement ack =
                            tx.append(
                                actionAck(
                                    request,
                                    rollout.partition(),
                                    now,
                                    true,
                                    acceptedDetail(request)));
                        return new Outcome.Accepted(Optional.of(next), ack);
                      }));
    } catch (RolloutStore.Conflict conflict) {
      return transactions.afterConflict(conflict, request.idempotencyKey(), () -> apply(request));
    }
  }

  /** The refusal recorded when an abort names a partition with nothing active on it. */
  Outcome nothingToAbort(String partition, String user, String idempotencyKey) {
    Instant now = transactions.now();
    return transactions
        .store()
        .inTransaction(
            tx ->
                transactions
                    .duplicate(tx, idempotencyKey)
                    .orElseGet(
                        () -> {
                          Refusal refusal =
                              RecordLimits.tooLong("a partition name", partition, RecordLimits.NAME)
                                  .map(m -> new Refusal(Refusal.Reason.TOO_LONG, m))
                                  .orElse(
                                      new Refusal(
                                          Refusal.Reason.NOT_FOUND,
                                          "no active rollout on " + partition));
                          return TransactionRecorder.refuse(
                              tx,
                              refusal,
                              Optional.empty(),
                              new Acknowledgement(
                                  0,
                                  Optional.empty(),
                                  partition,
                                  Optional.empty(),
                                  Optional.empty(),
                                  Action.ABORT,
                                  user,
                                  now,
                                  Optional.of(idempotencyKey),
                                  false,
                                  refusal.message()));
                        }));
  }

  /** Records which chat thread a rollout lives in, once its root message is posted. */
  Rollout bindThread(String rolloutId, ChatThread thread) {
    return transactions
        .store()
        .inTransaction(
            tx -> {
              Rollout rollout =
                  tx.lock(rolloutId)
                      .orElseThrow(() -> new IllegalArgumentException("no rollout " + rolloutId));
              Rollout bound = rollout.withThread(thread);
              tx.update(rollout, bound);
              return bound;
            });
  }

  /** How a step would be drawn now, from the pinned runbook rendered for its partition. */
  private Optional<String> drawnNow(Rollout rollout, StepRun run) {
    return pinned
        .of(rollout)
        .filter(r -> run.runbookStep() >= 1 && run.runbookStep() <= r.runbook().steps().size())
        .map(r -> StepFingerprint.of(rollout, run, r.runbook().steps().get(run.runbookStep() - 1)));
  }

  /** An approval records what the approver saw; any other click its reason, if it has one. */
  private static String acceptedDetail(ActionRequest request) {
    if (request.action() == Action.APPROVE && request.drawn().isPresent()) {
      return Acknowledgement.DRAWN + request.drawn().get();
    }
    return request.reason().orElse("");
  }

  private static Acknowledgement actionAck(
      ActionRequest request, String partition, Instant now, boolean accepted, String detail) {
    boolean stepAction = request.action().targetsStep();
    return new Acknowledgement(
        0,
        Optional.of(request.rolloutId()),
        partition,
        stepAction ? Optional.of(request.phase()) : Optional.empty(),
        stepAction ? Optional.of(request.position()) : Optional.empty(),
        request.action(),
        request.user(),
        now,
        Optional.of(request.idempotencyKey()),
        accepted,
        detail);
  }
}
