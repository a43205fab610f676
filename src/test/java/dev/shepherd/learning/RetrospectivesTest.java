package dev.shepherd.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.learning.retro.RetrospectiveDrafter;
import dev.shepherd.learning.stats.RunbookHistory;
import dev.shepherd.rollout.EngineFixture;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.engine.RecordReader;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcAuditLog;
import dev.shepherd.store.JdbcRolloutStore;
import dev.shepherd.testing.TestDatabases;
import dev.shepherd.testing.TestKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drafting a stored rollout's retrospective: its record, findings, earlier medians, proposal. */
class RetrospectivesTest {
  private Database database;
  private EngineFixture engine;
  private RecordReader records;
  private RunbookHistory history;

  @BeforeEach
  void setUp() {
    database = TestDatabases.h2();
    engine = new EngineFixture(database);
    JdbcRolloutStore store = new JdbcRolloutStore(database.dataSource(), TestKeys.KEYS);
    records = new RecordReader(store, new JdbcAuditLog(database.dataSource()));
    history = new RunbookHistory(store);
  }

  @AfterEach
  void tearDown() {
    database.close();
  }

  @Test
  void aDraftMeasuresTheRolloutAgainstTheRunsBeforeItAndAddsItsFindingsAndProposal() {
    new TimedWalk(engine, "dev").done(2, 3, 5, 1);
    new TimedWalk(engine, "dev").done(4, 3, 7, 1);
    Rollout slow =
        new TimedWalk(engine, "stage")
            .done(3, 3)
            .fail(10, "`Rate exceeded`")
            .retry(20)
            .done(12, 1)
            .rollout;
    new TimedWalk(engine, "dev").done(60, 60, 60, 60); // later: not what it is measured against
    List<String> askedFor = new ArrayList<>();
    RunbookFinding slowStep =
        new RunbookFinding(
            "slow:3:1",
            slow.id(),
            "oam-secrets",
            slow.runbook().revision(),
            "stage",
            slow.endedAt().orElseThrow(),
            RunbookFinding.Kind.SLOW,
            3,
            "Smoke test",
            "",
            "took 42m 0s",
            Optional.empty(),
            Optional.empty());
    RetrospectiveDrafter retros =
        new RetrospectiveDrafter(
            records,
            history,
            id -> {
              askedFor.add(id);
              return List.of(slowStep);
            },
            id -> Optional.of("--- a/oam-secrets.md\n+++ b/oam-secrets.md\n"));

    String markdown = retros.draft(slow.id()).orElseThrow();

    assertThat(askedFor).containsExactly(slow.id());
    assertThat(markdown)
        .startsWith("# Retrospective: oam-secrets on stage, 2026-11-27\n")
        .contains("- **Rollout:** `" + slow.id() + "` by U0OPERATOR\n")
        .contains("| 1. Check for drift | done | U0OPERATOR | 3m 0s | 3m 0s |\n")
        .contains("| 3. Smoke test | done after 1 retry | U0OPERATOR | 42m 0s | 6m 0s |\n")
        .contains("- **Slow** at step 3 (Smoke test): took 42m 0s\n")
        .contains("- Why can step 3 take 42m 0s when it usually takes 6m 0s?\n")
        .contains("- What fixed step 3?\n")
        .endsWith("```diff\n--- a/oam-secrets.md\n+++ b/oam-secrets.md\n```\n");
  }

  @Test
  void withoutAProposalTheChangesAreNone() {
    Rollout clean = new TimedWalk(engine, "dev").done(1, 1, 1, 1).rollout;

    String markdown =
        new RetrospectiveDrafter(records, history, id -> List.of()).draft(clean.id()).orElseThrow();

    assertThat(markdown)
        .endsWith("## Proposed runbook changes\n\nNone.\n")
        .contains("| 1. Check for drift | done | U0OPERATOR | 1m 0s | — |\n");
  }

  @Test
  void anUnknownRolloutHasNoDraft() {
    RetrospectiveDrafter retros =
        new RetrospectiveDrafter(
            records,
            history,
            id -> {
              throw new AssertionError("no findings are asked of a rollout that does not exist");
            });

    assertThat(retros.draft("no-such-rollout")).isEmpty();
  }
}
