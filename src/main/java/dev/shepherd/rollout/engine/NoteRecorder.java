package dev.shepherd.rollout.engine;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Evidence;
import dev.shepherd.audit.SecretRedactor;
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

  /**
   * @param insider whether the author is one of the rollout's people ({@link RolloutPeople}): an
   *     outsider's note is recorded as {@link Action#OUTSIDER_NOTE}
   */
  Outcome note(NoteRequest request, boolean insider) {
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
                      refusal ->
                          ack(request, "", Optional.empty(), now, false, refusal.message(), true),
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
                                  refusal.get().message(),
                                  true));
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
                                    SecretRedactor.redact(request.text()),
                                    insider));
                        return new Outcome.Accepted(Optional.of(next), stored);
                      }));
    } catch (RolloutStore.Conflict conflict) {
      return transactions.afterConflict(
          conflict, request.idempotencyKey(), () -> note(request, insider));
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
      String detail,
      boolean insider) {
    return new Acknowledgement(
        0,
        Optional.of(request.rolloutId()),
        partition,
        step.map(NoteRequest.StepRef::phase),
        step.map(NoteRequest.StepRef::position),
        insider ? request.kind() : Action.OUTSIDER_NOTE,
        request.user(),
        now,
        Optional.of(request.idempotencyKey()),
        accepted,
        detail,
        accepted ? redacted(request.evidence()) : List.of());
  }

  /** Evidence as recorded: a link that carries a token (a signed URL) keeps its hash only. */
  private static List<Evidence> redacted(List<Evidence> evidence) {
    return evidence.stream()
        .map(
            e ->
                new Evidence(
                    e.kind(), SecretRedactor.redact(e.name()), SecretRedactor.redact(e.url())))
        .toList();
  }
}
