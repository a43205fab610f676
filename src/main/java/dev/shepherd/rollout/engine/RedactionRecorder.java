package dev.shepherd.rollout.engine;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.RecordLimits;
import dev.shepherd.audit.Redaction;
import dev.shepherd.audit.Redactions;
import dev.shepherd.audit.SecretRedactor;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.RedactRequest;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.rollout.UserGroups;
import dev.shepherd.rollout.access.AccessPolicy;
import dev.shepherd.rollout.rule.ApproverCheck;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Records redactions: a {@link Action#REDACT} acknowledgement naming the note it supersedes, never
 * an edit of it. The same transaction rules as a click (once per key, under the rollout's lock,
 * refusals recorded), on any rollout, ended or not. The note's author or a keeper of the rollout's
 * partition may redact it; to them, a note already redacted is answered with that redaction, as a
 * duplicate, and nothing is recorded (anyone else is refused first, and the refusal recorded). Each
 * accepted one moves the rollout's version on, so its thread and its findings are drawn again.
 */
final class RedactionRecorder {
  private final TransactionRecorder transactions;
  private final UserGroups groups;
  private final AccessPolicy access;

  RedactionRecorder(TransactionRecorder transactions, UserGroups groups, AccessPolicy access) {
    this.transactions = transactions;
    this.groups = groups;
    this.access = access;
  }

  Outcome redact(RedactRequest request) {
    Instant now = transactions.now();
    // Asked before the transaction: a keeper named through a user group is Slack's to tell.
    ApproverCheck keeper =
        transactions
            .store()
            .find(request.rolloutId())
            .map(r -> access.isKeeper(r.partition(), request.user(), groups))
            .orElse(ApproverCheck.NO);
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
                        List<Acknowledgement> trail = tx.trail(rollout.id());
                        Optional<Acknowledgement> target =
                            trail.stream().filter(a -> a.id() == request.target()).findFirst();
                        // Who may comes first: who redacted a note, and why, is told only to
                        // who may redact it; anyone else is refused, and that is recorded.
                        Optional<Refusal> refusal =
                            notRedactable(request, rollout, target)
                                .or(() -> notAllowed(request, rollout, target, keeper));
                        Optional<Redaction> already =
                            target.flatMap(
                                t -> Optional.ofNullable(Redactions.in(trail).get(t.id())));
                        if (refusal.isEmpty() && already.isPresent()) {
                          return new Outcome.Duplicate(
                              Optional.of(rollout),
                              trail.stream()
                                  .filter(a -> a.id() == already.get().id())
                                  .findFirst()
                                  .orElseThrow());
                        }
                        return TransactionRecorder.refusedOrRecorded(
                            tx,
                            rollout,
                            refusal.or(() -> noReason(request)),
                            (accepted, detail) ->
                                ack(request, rollout.partition(), now, accepted, detail),
                            Redaction.encode(
                                request.target(), SecretRedactor.redact(request.reason())));
                      }));
    } catch (RolloutStore.Conflict conflict) {
      return transactions.afterConflict(conflict, request.idempotencyKey(), () -> redact(request));
    }
  }

  /** A target that is not a note of this rollout's record. */
  private static Optional<Refusal> notRedactable(
      RedactRequest request, Rollout rollout, Optional<Acknowledgement> target) {
    if (target.isEmpty()) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.NOT_FOUND,
              "rollout "
                  + rollout.id()
                  + " has no acknowledgement "
                  + request.target()
                  + ": its export numbers its rows (the # column)"));
    }
    Acknowledgement ack = target.get();
    if (!ack.accepted() || !Redaction.redactable(ack.action())) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.NOT_FOUND,
              "acknowledgement "
                  + ack.id()
                  + " of rollout "
                  + rollout.id()
                  + " is "
                  + what(ack)
                  + ", not a note: only notes, symptoms, fixes and outsiders' notes can be"
                  + " redacted"));
    }
    return Optional.empty();
  }

  /** "a refused attempt", "a redaction", "an abort": what a row that is no note is. */
  private static String what(Acknowledgement ack) {
    if (!ack.accepted()) {
      return "a refused attempt";
    }
    if (ack.action() == Action.REDACT) {
      return "a redaction";
    }
    String label = ack.action().label().replace('_', ' ');
    return ("aeiou".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
  }

  /** Who may: the note's author, or a keeper of the rollout's partition. */
  private static Optional<Refusal> notAllowed(
      RedactRequest request,
      Rollout rollout,
      Optional<Acknowledgement> target,
      ApproverCheck keeper) {
    Acknowledgement note = target.orElseThrow();
    if (!note.user().equals(request.user()) && !keeper.approver()) {
      return Optional.of(
          keeper
              .unreadable()
              .orElse(
                  new Refusal(
                      Refusal.Reason.NOT_ALLOWED,
                      "only who wrote it ("
                          + note.user()
                          + ") or a keeper of "
                          + rollout.partition()
                          + " may redact "
                          + note.action().label().replace('_', ' ')
                          + " "
                          + note.id()
                          + " from the record")));
    }
    return Optional.empty();
  }

  /** A redaction says why, in at most a reason's length. */
  private static Optional<Refusal> noReason(RedactRequest request) {
    if (request.reason().isBlank()) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.REASON_REQUIRED,
              "a redaction needs a reason: say why it comes off the record"));
    }
    return RecordLimits.tooLong("a redaction's reason", request.reason(), RecordLimits.REASON)
        .map(message -> new Refusal(Refusal.Reason.TOO_LONG, message));
  }

  private static Acknowledgement ack(
      RedactRequest request, String partition, Instant now, boolean accepted, String detail) {
    return new Acknowledgement(
        0,
        Optional.of(request.rolloutId()),
        partition,
        Optional.empty(),
        Optional.empty(),
        Action.REDACT,
        request.user(),
        now,
        Optional.of(request.idempotencyKey()),
        accepted,
        detail);
  }
}
