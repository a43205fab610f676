package dev.shepherd.lint;

import dev.shepherd.partition.Partition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scoped variable ({@code scoped: [vault, account]}) holds what only its own partition may use:
 * two partitions with one value share credentials, even when that is true today by accident. One
 * error per partition that repeats an earlier partition's value, at its line in the config.
 */
final class ScopedVariablesRule implements LintRule {
  @Override
  public void check(LintInput input, List<Problem> problems) {
    for (String variable : input.config().scoped()) {
      Map<String, List<Partition>> byValue = new LinkedHashMap<>();
      for (Partition partition : input.config().choreography().partitions()) {
        partition
            .variable(variable)
            .ifPresent(
                value -> byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(partition));
      }
      byValue.forEach(
          (value, sharing) -> {
            Partition first = sharing.get(0);
            for (Partition later : sharing.subList(1, sharing.size())) {
              if (input.checks(first.name()) || input.checks(later.name())) {
                problems.add(
                    Problem.error(
                        input.config().displayPath(),
                        later.lineOf(variable),
                        later.name()
                            + " has the same "
                            + variable
                            + " as "
                            + first.name()
                            + " ("
                            + value
                            + ", line "
                            + first.lineOf(variable)
                            + "), but "
                            + variable
                            + " is scoped:"
                            + " each partition needs its own; give "
                            + later.name()
                            + " its own "
                            + variable));
              }
            }
          });
    }
  }
}
