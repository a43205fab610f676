package dev.shepherd.rollout.engine;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.audit.SecretRedactor;
import dev.shepherd.rollout.AfterTheFactRequest;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.rollout.UserGroups;
import dev.shepherd.rollout.access.AccessPolicy;
import dev.shepherd.rollout.rule.ApproverCheck;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Records what is learnt after the fact: what fixed a failed step, and dismissals of findings. The
 * same transaction rules as a click (once per key, under the rollout's lock, refusals recorded),
 * but on any rollout, ended or not, since the answer often comes last. Each accepted one moves the
 * rollout's version on, so its summary is drawn again.
 */
final class AfterTheFactRecorder {
  private final TransactionRecorder transactions;
  private final UserGroups groups;
  private final AccessPolicy access;

  AfterTheFactRecorder(TransactionRecorder transactions, UserGroups groups, AccessPolicy access) {
    this.transactions = transactions;
    this.groups = groups;
    this.access = access;
  }

  Outcome record(AfterTheFactRequest request) {
    Instant now = transactions.now();
    ApproverCheck check =
        transactions
            .store()
            .find(request.rolloutId())
            .map(r -> check(r, request))
            .orElse(ApproverCheck.NO);
    List<Acknowledgement> trail =
        request.kind() == Action.RESOLVE
            ? transactions.store().trail(request.rolloutId())
            : List.of();
    try {
      return transactions
          .store()
          .inTransaction(
              tx ->
                  transactions.onLockedRollout(
                      tx,
                      request.idempotencyKey(),
                      request.rolloutId(),
                      refusal -> ack(request, "", now, false, refusal.message()),
                      rollout -> {
                        Optional<Refusal> refusal =
                            request.kind() == Action.RESOLVE
                                ? resolveRefusal(request, rollout, trail, check)
                                : dismissRefusal(request, check);
                        // A fix or a dismissal is kept forever and feeds proposals: a
                        // pasted secret is recorded redacted, as in a note.
                        return TransactionRecorder.refusedOrRecorded(
                            tx,
                            rollout,
                            refusal,
                            (accepted, detail) ->
                                ack(request, rollout.partition(), now, accepted, detail),
                            SecretRedactor.redact(request.detail()));
                      }));
    } catch (RolloutStore.Conflict conflict) {
      return transactions.afterConflict(conflict, request.idempotencyKey(), () -> record(request));
    }
  }

  /**
   * Telling a fix: the rollout's approvers. Dismissing a finding: the partition's keepers in the
   * config, never a runbook's approvers.
   */
  private ApproverCheck check(Rollout rollout, AfterTheFactRequest request) {
    if (request.kind() == Action.RESOLVE) {
      return ApproverCheck.of(rollout.approvers(), request.user(), groups);
    }
    return access.isKeeper(rollout.partition(), request.user(), groups);
  }

  private static Optional<Refusal> resolveRefusal(
      AfterTheFactRequest request,
      Rollout rollout,
      List<Acknowledgement> trail,
      ApproverCheck check) {
    Optional<StepRun> step = rollout.step(Phase.FORWARD, request.position());
    if (step.isEmpty()) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.NOT_FOUND,
              "rollout " + rollout.id() + " has no step " + request.position()));
    }
    StepRun run = step.get();
    boolean failed =
        trail.stream()
            .anyMatch(
                a ->
                    a.accepted()
                        && a.action() == Action.FAIL
                        && a.phase().equals(Optional.of(Phase.FORWARD))
                        && a.position().equals(Optional.of(run.position())));
    if (!failed || run.state() != StepState.DONE) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.STALE,
              "step "
                  + run.runbookStep()
                  + " ("
                  + run.title()
                  + ") did not fail and then get done: there is no fix to tell"));
    }
    boolean mayTell =
        run.finishedBy().equals(Optional.of(request.user()))
            || rollout.operator().equals(request.user())
            || check.approver();
    if (!mayTell) {
      return Optional.of(
          check
              .unreadable()
              .orElse(
                  new Refusal(
                      Refusal.Reason.NOT_ALLOWED,
                      "only who finished step "
                          + run.runbookStep()
                          + ", the operator or an approver may say"
                          + " what fixed it")));
    }
    if (request.detail().isBlank()) {
      return Optional.of(new Refusal(Refusal.Reason.REASON_REQUIRED, "say what fixed it"));
    }
    return Optional.empty();
  }

  private static Optional<Refusal> dismissRefusal(
      AfterTheFactRequest request, ApproverCheck check) {
    if (!check.approver()) {
      return Optional.of(
          check
              .unreadable()
              .orElse(
                  new Refusal(
                      Refusal.Reason.NOT_ALLOWED,
                      "only an approver of the rollout's partition in the config may dismiss its findings")));
    }
    if (request.detail().isBlank()) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.REASON_REQUIRED,
              "a dismissal needs a reason: say why it no longer matters"));
    }
    return Optional.empty();
  }

  private static Acknowledgement ack(
      AfterTheFactRequest request, String partition, Instant now, boolean accepted, String detail) {
    boolean atStep = request.kind() == Action.RESOLVE;
    return new Acknowledgement(
        0,
        Optional.of(request.rolloutId()),
        partition,
        atStep ? Optional.of(Phase.FORWARD) : Optional.empty(),
        atStep ? Optional.of(request.position()) : Optional.empty(),
        request.kind(),
        request.user(),
        now,
        Optional.of(request.idempotencyKey()),
        accepted,
        detail);
  }
}
