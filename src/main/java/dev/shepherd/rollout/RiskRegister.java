package dev.shepherd.rollout;

import dev.shepherd.runbook.Runbook;
import java.util.List;

/**
 * What earlier rollouts of a runbook found that its revision still does not say: warned about on
 * the root message of its next rollouts. Asked before a start's transaction.
 */
@FunctionalInterface
public interface RiskRegister {
  /** Lead words of every risk warning, so views can tell them from the engine's own. */
  List<String> LEADS = List.of("Last run on ", "Earlier run on ");

  /**
   * The warnings for a start of this revision on a partition, most recent first.
   *
   * @param order the runbook's partitions in the choreography's order
   */
  List<String> risks(Runbook revision, String partition, List<String> order);

  RiskRegister NONE = (revision, partition, order) -> List.of();

  static boolean isRisk(String warning) {
    return LEADS.stream().anyMatch(warning::startsWith);
  }
}
