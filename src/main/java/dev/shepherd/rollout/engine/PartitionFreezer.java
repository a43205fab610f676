package dev.shepherd.rollout.engine;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.RecordLimits;
import dev.shepherd.format.FreeText;
import dev.shepherd.format.Times;
import dev.shepherd.partition.Choreography;
import dev.shepherd.partition.Partition;
import dev.shepherd.rollout.Freeze;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.rollout.UserGroups;
import dev.shepherd.rollout.access.AccessPolicy;
import dev.shepherd.rollout.rule.ApproverCheck;
import dev.shepherd.rollout.rule.ChoreographyRule;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Freezing and unfreezing partitions: only their approvers in the config may (never a runbook's),
 * and a freeze needs a reason.
 */
final class PartitionFreezer {
  private final TransactionRecorder transactions;
  private final Choreography choreography;
  private final AccessPolicy access;
  private final UserGroups groups;

  PartitionFreezer(
      TransactionRecorder transactions,
      Choreography choreography,
      AccessPolicy access,
      UserGroups groups) {
    this.groups = groups;
    this.transactions = transactions;
    this.choreography = choreography;
    this.access = access;
  }

  Outcome change(
      Action action, String partitionName, String user, Optional<String> reason, String key) {
    Instant now = transactions.now();
    Optional<String> why = reason.map(String::strip).filter(r -> !r.isEmpty());
    ApproverCheck check = access.isKeeper(partitionName, user, groups);
    try {
      return transactions
          .store()
          .inTransaction(
              tx -> {
                Optional<Outcome> duplicate = transactions.duplicate(tx, key);
                if (duplicate.isPresent()) {
                  return duplicate.get();
                }
                Optional<Refusal> refusal = refusal(tx, action, partitionName, user, why, check);
                Acknowledgement ack =
                    new Acknowledgement(
                        0,
                        Optional.empty(),
                        partitionName,
                        Optional.empty(),
                        Optional.empty(),
                        action,
                        user,
                        now,
                        Optional.of(key),
                        refusal.isEmpty(),
                        refusal.map(Refusal::message).orElse(why.orElse("")));
                if (refusal.isPresent()) {
                  return TransactionRecorder.refuse(tx, refusal.get(), Optional.empty(), ack);
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
      return transactions.afterConflict(
          conflict, key, () -> change(action, partitionName, user, reason, key));
    }
  }

  private Optional<Refusal> refusal(
      RolloutStore.Transaction tx,
      Action action,
      String partitionName,
      String user,
      Optional<String> reason,
      ApproverCheck check) {
    Optional<Refusal> tooLong =
        RecordLimits.tooLong("a partition name", partitionName, RecordLimits.NAME)
            .or(
                () ->
                    reason.flatMap(
                        r -> RecordLimits.tooLong("a freeze reason", r, RecordLimits.REASON)))
            .map(message -> new Refusal(Refusal.Reason.TOO_LONG, message));
    if (tooLong.isPresent()) {
      return tooLong;
    }
    Optional<Partition> partition = choreography.find(partitionName);
    if (partition.isEmpty()) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.UNKNOWN_PARTITION,
              "no partition "
                  + partitionName
                  + " (partitions: "
                  + String.join(", ", choreography.names())
                  + ")"));
    }
    Set<String> approvers = access.keepers(partition.get());
    if (!check.approver()) {
      return check
          .unreadable()
          .or(
              () ->
                  Optional.of(
                      new Refusal(
                          Refusal.Reason.NOT_ALLOWED,
                          "only an approver of "
                              + partitionName
                              + " can "
                              + action.label()
                              + " it (approvers: "
                              + ChoreographyRule.mentions(approvers)
                              + ")")));
    }
    Optional<Freeze> current = tx.freeze(partitionName);
    if (action == Action.FREEZE) {
      if (reason.isEmpty()) {
        return Optional.of(
            new Refusal(
                Refusal.Reason.REASON_REQUIRED,
                "a freeze needs a reason: /rollout freeze " + partitionName + " incident INC-123"));
      }
      return current.map(
          f ->
              new Refusal(
                  Refusal.Reason.FROZEN,
                  partitionName
                      + " is frozen already by @"
                      + f.by()
                      + " since "
                      + Times.format(f.at())
                      + ": "
                      + FreeText.inert(f.reason())));
    }
    return current.isPresent()
        ? Optional.empty()
        : Optional.of(new Refusal(Refusal.Reason.NOT_FROZEN, partitionName + " is not frozen"));
  }
}
