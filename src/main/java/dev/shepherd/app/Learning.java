package dev.shepherd.app;

import dev.shepherd.learning.finding.RolloutFindings;
import dev.shepherd.store.Database;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where Propose runbook changes and Draft retrospective read a rollout's findings and its
 * retrospective: {@link #DERIVED}, from the record as {@code serve} derives them, unless a test
 * stands in with its own.
 */
public record Learning(
    Function<Database, RolloutFindings> findings,
    Function<Database, Function<String, Optional<String>>> retrospectives) {

  /**
   * The findings and retrospectives derived from each rollout's record: what Shepherd runs with.
   */
  public static final Learning DERIVED =
      new Learning(
          database -> {
            throw new IllegalStateException("derived from the record, not through this function");
          },
          database -> {
            throw new IllegalStateException("derived from the record, not through this function");
          });

  public Learning {
    Objects.requireNonNull(findings, "findings");
    Objects.requireNonNull(retrospectives, "retrospectives");
  }

  public boolean isDerived() {
    return this == DERIVED;
  }
}
