package dev.shepherd.rollout.engine;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.RecordLimits;
import dev.shepherd.rollout.Freeze;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.rollout.rule.ApproverCheck;
import dev.shepherd.rollout.rule.ChoreographyRule;
import dev.shepherd.rollout.rule.FreezeAllRule;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The incident switch: {@code /rollout freeze all <reason>} closes every partition at once and
 * {@code unfreeze all} opens them again. Recorded once (one freeze row, one acknowledgement under
 * the partition name {@value Freeze#ALL}), not once per partition. Who may pull it is the config's
 * call ({@code freeze_all_approvers}, else the protected partitions' approvers), never a runbook's.
 */
final class FleetFreezer {
  private final EngineParts engine;

  FleetFreezer(EngineParts engine) {
    this.engine = engine;
  }

  public Outcome freezeAll(String user, String reason, String idempotencyKey) {
    return engine
        .transactions()
        .observed(
            change(
                Action.FREEZE,
                user,
                Optional.ofNullable(reason).map(String::strip).filter(r -> !r.isEmpty()),
                idempotencyKey));
  }

  public Outcome unfreezeAll(String user, String idempotencyKey) {
    return engine
        .transactions()
        .observed(change(Action.UNFREEZE, user, Optional.empty(), idempotencyKey));
  }

  /** The fleet freeze, if the switch is on. */
  public Optional<Freeze> current() {
    return engine.store().freezes().stream()
        .filter(f -> f.partition().equals(Freeze.ALL))
        .findFirst();
  }

  private Outcome change(Action action, String user, Optional<String> reason, String key) {
    Instant now = engine.transactions().now();
    Set<String> approvers = engine.access().fleetKeepers();
    ApproverCheck check = engine.access().isFleetKeeper(user, engine.groups());
    try {
      return engine
          .store()
          .inTransaction(
              tx -> {
                Optional<Outcome> duplicate = engine.transactions().duplicate(tx, key);
                if (duplicate.isPresent()) {
                  return duplicate.get();
                }
                Optional<Refusal> refusal = refusal(tx, action, approvers, check, reason);
                Acknowledgement ack =
                    new Acknowledgement(
                        0,
                        Optional.empty(),
                        Freeze.ALL,
                        Optional.empty(),
                        Optional.empty(),
                        action,
                        user,
                        now,
                        Optional.of(key),
                        refusal.isEmpty(),
                        refusal.map(Refusal::message).orElse(reason.orElse("")));
                if (refusal.isPresent()) {
                  return TransactionRecorder.refuse(tx, refusal.get(), Optional.empty(), ack);
                }
                if (action == Action.FREEZE) {
                  tx.freeze(new Freeze(Freeze.ALL, user, reason.orElseThrow(), now));
                } else {
                  tx.unfreeze(Freeze.ALL);
                }
                return new Outcome.Accepted(Optional.empty(), tx.append(ack));
              });
    } catch (RolloutStore.Conflict conflict) {
      return engine
          .transactions()
          .afterConflict(conflict, key, () -> change(action, user, reason, key));
    }
  }

  private Optional<Refusal> refusal(
      RolloutStore.Transaction tx,
      Action action,
      Set<String> approvers,
      ApproverCheck check,
      Optional<String> reason) {
    Optional<Refusal> tooLong =
        reason
            .flatMap(r -> RecordLimits.tooLong("a freeze reason", r, RecordLimits.REASON))
            .map(message -> new Refusal(Refusal.Reason.TOO_LONG, message));
    if (tooLong.isPresent()) {
      return tooLong;
    }
    if (!check.approver()) {
      return check
          .unreadable()
          .or(
              () ->
                  Optional.of(
                      new Refusal(
                          Refusal.Reason.NOT_ALLOWED,
                          "only an approver can "
                              + action.label()
                              + " every partition (approvers: "
                              + ChoreographyRule.mentions(approvers)
                              + ")")));
    }
    Optional<Freeze> current = tx.freeze(Freeze.ALL);
    if (action == Action.FREEZE) {
      if (reason.isEmpty()) {
        return Optional.of(
            new Refusal(
                Refusal.Reason.REASON_REQUIRED,
                "freezing every partition needs a reason: /rollout freeze all incident INC-123"));
      }
      return current
          .map(FreezeAllRule::refusal)
          .map(r -> new Refusal(Refusal.Reason.FROZEN, "already: " + r.message()));
    }
    return current.isPresent()
        ? Optional.empty()
        : Optional.of(new Refusal(Refusal.Reason.NOT_FROZEN, "the fleet is not frozen"));
  }
}
