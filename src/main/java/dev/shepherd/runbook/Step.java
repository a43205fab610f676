package dev.shepherd.runbook;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One step of a runbook: what to do, how to know it worked, and what to do when it did not.
 *
 * @param number 1-based position in the runbook
 * @param title the heading without a leading "Step N:"
 * @param line the heading's line
 * @param instructions the step's prose and commands
 * @param verify what success looks like
 * @param troubleshooting symptom → cause → fix rows
 * @param diagnosis troubleshooting prose that is not a table row ("If it fails: …")
 * @param rollback how to undo the step
 * @param cleanup what to tidy afterwards
 * @param warnings callouts to show before acting
 * @param approvalRequired whether the step says {@code Approval: required}
 * @param inheritsRollback whether {@code rollback} comes from the runbook's own Rollback section
 * @param inheritsTroubleshooting whether the rows come from the runbook's Troubleshooting section
 */
public record Step(
    int number,
    String title,
    int line,
    Section instructions,
    Optional<Section> verify,
    List<TroubleshootingRow> troubleshooting,
    Optional<Section> diagnosis,
    Optional<Section> rollback,
    Optional<Section> cleanup,
    List<Warning> warnings,
    boolean approvalRequired,
    boolean inheritsRollback,
    boolean inheritsTroubleshooting) {

  public Step {
    troubleshooting = List.copyOf(troubleshooting);
    warnings = List.copyOf(warnings);
  }

  /** Every command of the step, instructions first, then verify. */
  public List<Command> commands() {
    return verify
        .map(v -> concat(instructions.commands(), v.commands()))
        .orElse(instructions.commands());
  }

  private static List<Command> concat(List<Command> a, List<Command> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
