package dev.shepherd.lint;

import dev.shepherd.config.Config;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Runbook;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks for bugs that only fire on one partition, for one runbook on one partition: values
 * hard-coded from another partition, scoped variables shared with another partition, and secret
 * references into another partition's vault. {@code lint} runs the same rules on every runbook; a
 * rollout runs these before it starts and refuses a partition with an {@link Problem.Severity#ERROR
 * error}, naming the lines.
 *
 * <p>Pure: no I/O, no state; safe from any thread.
 */
public final class PartitionSafety {
  private static final List<LintRule> RULES =
      List.of(new ScopedVariablesRule(), new HardCodedValuesRule(), new SecretReferencesRule());

  private PartitionSafety() {}

  /**
   * What is wrong with a runbook on one partition, sorted by line.
   *
   * @param config the partitions and their variables; config problems name {@link
   *     Config#displayPath()}
   * @param runbook a parsed runbook (its {@link Runbook#source()} is read); problems name {@link
   *     Runbook#path()}, relative to the runbooks source
   * @param partition the partition's name
   * @return errors (must not start) and warnings (hard-coded values, vaults no partition owns)
   * @throws IllegalArgumentException when the config has no such partition or the runbook does not
   *     apply to it
   */
  public static List<Problem> check(Config config, Runbook runbook, String partition) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(runbook, "runbook");
    Objects.requireNonNull(partition, "partition");
    LintInput input =
        new LintInput(
            config, new Catalog(List.of(runbook), List.of()), false, "", Optional.of(partition));
    if (!runbook.appliesTo(partition)) {
      throw new IllegalArgumentException(
          "runbook "
              + runbook.id()
              + " does not apply to "
              + partition
              + " (its partitions: "
              + String.join(", ", runbook.partitions())
              + ")");
    }
    List<Problem> problems = new ArrayList<>();
    for (LintRule rule : RULES) {
      rule.check(input, problems);
    }
    return problems.stream().distinct().sorted().toList();
  }
}
