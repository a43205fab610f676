package dev.shepherd.cli;

import dev.shepherd.learning.RolloutFindings;
import dev.shepherd.store.Database;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What Propose runbook changes and Draft retrospective read, made once the database is open:
 * a rollout's findings, and a rollout's retrospective Markdown.
 */
public record Learning(
    Function<Database, RolloutFindings> findings,
    Function<Database, Function<String, Optional<String>>> retrospectives) {

  /**
   * No findings and no retrospectives: what {@code serve} and {@code propose} use until the
   * derivations of findings and retrospectives from the record are wired in here.
   */
  public static final Learning NONE = new Learning(database -> rolloutId -> List.of(),
      database -> rolloutId -> Optional.empty());

  public Learning {
    Objects.requireNonNull(findings, "findings");
    Objects.requireNonNull(retrospectives, "retrospectives");
  }
}
