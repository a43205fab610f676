package dev.shepherd.lint;

import dev.shepherd.config.Config;
import dev.shepherd.partition.Partition;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Runbook;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the rules look at: the config, the runbooks, and how strict to be.
 *
 * @param runbooksPrefix prefixed to runbook paths in problems ({@code runbooks/}), so a problem
 *     opens in an editor from the project root
 * @param partition the one partition to check ({@code lint --partition prod}); empty: all. The
 *     per-partition rules consider only it; rules about runbooks or the config as a whole do not
 *     change.
 */
public record LintInput(
    Config config,
    Catalog catalog,
    boolean strict,
    String runbooksPrefix,
    Optional<String> partition,
    RunbookText.Cache shownLines) {

  public LintInput {
    Objects.requireNonNull(shownLines, "shownLines");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(runbooksPrefix, "runbooksPrefix");
    Objects.requireNonNull(partition, "partition");
    partition.ifPresent(
        name -> {
          if (config.choreography().find(name).isEmpty()) {
            throw new IllegalArgumentException(
                "no partition \""
                    + name
                    + "\" in "
                    + config.displayPath()
                    + " (partitions: "
                    + String.join(", ", config.choreography().names())
                    + ")");
          }
        });
  }

  /** Every partition is checked. */
  public LintInput(Config config, Catalog catalog, boolean strict, String runbooksPrefix) {
    this(config, catalog, strict, runbooksPrefix, Optional.empty());
  }

  public LintInput(
      Config config,
      Catalog catalog,
      boolean strict,
      String runbooksPrefix,
      Optional<String> partition) {
    this(config, catalog, strict, runbooksPrefix, partition, new RunbookText.Cache());
  }

  /** The lines of a runbook an operator is shown, split once for all the rules that read them. */
  List<RunbookText.Line> shownLines(Runbook runbook) {
    return shownLines.lines(runbook);
  }

  /** The path to print for a runbook. */
  public String pathOf(Runbook runbook) {
    return runbooksPrefix + runbook.path();
  }

  /** Warnings that {@code --strict} turns into errors. */
  public Problem.Severity strictable() {
    return strict ? Problem.Severity.ERROR : Problem.Severity.WARNING;
  }

  /** The partitions the per-partition rules check, in choreography order. */
  public List<Partition> partitions() {
    return config.choreography().partitions().stream()
        .filter(p -> partition.isEmpty() || partition.get().equals(p.name()))
        .toList();
  }

  /** Whether the per-partition rules check this partition. */
  public boolean checks(String name) {
    return partition.isEmpty() || partition.get().equals(name);
  }
}
