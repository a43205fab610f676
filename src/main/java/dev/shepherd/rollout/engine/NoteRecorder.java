package dev.shepherd.rollout.engine;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.rollout.NoteRequest;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Notes and evidence on a rollout's current step. Each note is an acknowledgement written in the
 * same transaction rules as a click: once per idempotency key, under the rollout's lock, and it
 * counts as a change of the rollout (its version moves on, so its thread is redrawn).
 */
final class NoteRecorder {
  private final TransactionRecorder transactions;

  NoteRecorder(TransactionRecorder transactions) {
    this.transactions = transactions;
  }

  Outcome note(NoteRequest request) {
    Instant now = transactions.now();
    try {
      return transactions
          .store()
          .inTransaction(
              tx ->
                  transactions.onLockedRollout(
                      tx,
                      request.idempotencyKey(),
                      request.rolloutId(),
                      refusal -> ack(request, "", Optional.empty(), now, false, refusal.message()),
                      rollout -> {
                        Optional<StepRun> current = rollout.currentStep();
                        Optional<Refusal> refusal = refusal(request, rollout, current);
                        if (refusal.isPresent()) {
                          return TransactionRecorder.refuse(
                              tx,
                              refusal.get(),
                              Optional.of(rollout),
                              ack(
                                  request,
                                  rollout.partition(),
                                  request.step(),
                                  now,
                                  false,
                                  refusal.get().message()));
                        }
                        StepRun step = current.orElseThrow();
                        Rollout next = rollout.bumped();
                        tx.update(rollout, next);
                        Acknowledgement stored =
                            tx.append(
                                ack(
                                    request,
                                    rollout.partition(),
                                    Optional.of(
                                        new NoteRequest.StepRef(step.phase(), step.position())),
                                    now,
                                    true,
                                    request.text()));
                        return new Outcome.Accepted(Optional.of(next), stored);
                      }));
    } catch (RolloutStore.Conflict conflict) {
      return transactions.afterConflict(conflict, request.idempotencyKey(), () -> note(request));
    }
  }

  private static Optional<Refusal> refusal(
      NoteRequest request, Rollout rollout, Optional<StepRun> current) {
    if (current.isEmpty()) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.STALE,
              "rollout "
                  + rollout.id()
                  + " on "
                  + rollout.partition()
                  + " has no current step ("
                  + rollout.state().label()
                  + "): notes go on the step being walked"));
    }
    if (request.step().isPresent()
        && (request.step().get().phase() != current.get().phase()
            || request.step().get().position() != current.get().position())) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.STALE,
              "that step is no longer current:"
                  + " add the note on step "
                  + current.get().runbookStep()
                  + " ("
                  + current.get().title()
                  + ")"));
    }
    if (request.kind() == Action.SYMPTOM && current.get().state() != StepState.FAILED) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.STALE,
              "step "
                  + current.get().runbookStep()
                  + " ("
                  + current.get().title()
                  + ") has not failed: add a note instead"));
    }
    if (request.text().isEmpty() && request.evidence().isEmpty()) {
      return Optional.of(
          new Refusal(Refusal.Reason.REASON_REQUIRED, "a note needs some text: say what you saw"));
    }
    return Optional.empty();
  }

  private static Acknowledgement ack(
      NoteRequest request,
      String partition,
      Optional<NoteRequest.StepRef> step,
      Instant now,
      boolean accepted,
      String detail) {
    return new Acknowledgement(
        0,
        Optional.of(request.rolloutId()),
        partition,
        step.map(NoteRequest.StepRef::phase),
        step.map(NoteRequest.StepRef::position),
        request.kind(),
        request.user(),
        now,
        Optional.of(request.idempotencyKey()),
        accepted,
        detail,
        accepted ? request.evidence() : List.of());
  }
}
