package dev.shepherd.rollout;

import java.time.Instant;
import java.util.Optional;

/**
 * One pre-rollout checklist item of a rollout and who ticked it, as the acknowledgements say.
 *
 * @param item 1-based position in the runbook's checklist
 */
public record ChecklistState(
    int item, String text, Optional<String> tickedBy, Optional<Instant> tickedAt) {

  public boolean isTicked() {
    return tickedBy.isPresent();
  }
}
