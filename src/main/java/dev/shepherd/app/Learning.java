package dev.shepherd.app;

import dev.shepherd.learning.finding.RolloutFindings;
import dev.shepherd.store.Database;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Findings and retrospectives that stand in for those Shepherd derives from the record, for a test
 * that wants Propose runbook changes and Draft retrospective to read its own. Given to {@link
 * ShepherdApp.Builder#learning}; without one, both are derived from each rollout's record.
 */
public record Learning(
    Function<Database, RolloutFindings> findings,
    Function<Database, Function<String, Optional<String>>> retrospectives) {

  public Learning {
    Objects.requireNonNull(findings, "findings");
    Objects.requireNonNull(retrospectives, "retrospectives");
  }
}
