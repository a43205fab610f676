package dev.shepherd.rollout.rule;

import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.StartRequest;
import java.util.Optional;

/**
 * A start rule about order and timing (choreography, canary, soak, windows, blackouts): an approver
 * may start anyway with a reason, which the rollout records and warns about.
 */
abstract class OverridableRule implements StartRule {
  /** What this rule holds against the start, whatever override the request carries. */
  abstract Optional<Breach> breach(StartContext context);

  /**
   * @param refusal what the operator is told
   * @param summary the few words the override warning lists ("not completed yet: dev")
   */
  record Breach(Refusal refusal, String summary) {}

  @Override
  public final Optional<Refusal> check(StartContext context) {
    Optional<Breach> breach = breach(context);
    if (breach.isEmpty()) {
      return Optional.empty();
    }
    StartRequest request = context.request();
    if (request.override().isEmpty()) {
      return Optional.of(breach.get().refusal());
    }
    if (context.operator().approver()) {
      return Optional.empty();
    }
    return context
        .operator()
        .unreadable()
        .or(
            () ->
                Optional.of(
                    new Refusal(
                        Refusal.Reason.NOT_ALLOWED,
                        "only an approver can override the choreography (approvers: "
                            + ChoreographyRule.mentions(context.keepers())
                            + ")")));
  }

  /** The override hint every such refusal ends with. */
  static final String OVERRIDE_HINT = "an approver can start anyway with --override \"reason\"";
}
