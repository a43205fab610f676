package dev.shepherd.rollout;

import java.util.Objects;
import java.util.Optional;

/**
 * An operator asks to roll a runbook out on a partition.
 *
 * @param channel where it was asked (a partition may allow only some channels)
 * @param override a reason to start despite the choreography (approvers only)
 * @param idempotencyKey the request's id (Slack's trigger id): the same key starts once
 * @param team the chat workspace it was asked from, kept with the rollout
 */
public record StartRequest(
    String runbookId,
    String partition,
    String operator,
    String channel,
    Optional<String> override,
    String idempotencyKey,
    Optional<String> team) {

  public StartRequest(
      String runbookId,
      String partition,
      String operator,
      String channel,
      Optional<String> override,
      String idempotencyKey) {
    this(runbookId, partition, operator, channel, override, idempotencyKey, Optional.empty());
  }

  public StartRequest {
    Objects.requireNonNull(runbookId, "runbookId");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    override = override.map(String::strip).filter(r -> !r.isEmpty());
    Objects.requireNonNull(team, "team");
  }
}
