package dev.shepherd.learning;

import static dev.shepherd.rollout.EngineFixture.ALICE;
import static dev.shepherd.rollout.EngineFixture.OPERATOR;
import static dev.shepherd.rollout.EngineFixture.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.learning.finding.Resolution;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.learning.retro.RetrospectiveDrafter;
import dev.shepherd.learning.stats.RunbookHistory;
import dev.shepherd.learning.writeback.ProposalWriter;
import dev.shepherd.rollout.AfterTheFactRequest;
import dev.shepherd.rollout.EngineFixture;
import dev.shepherd.rollout.NoteRequest;
import dev.shepherd.rollout.RedactRequest;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.engine.RecordReader;
import dev.shepherd.source.UnifiedDiff;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcAuditLog;
import dev.shepherd.store.JdbcFindingStore;
import dev.shepherd.store.JdbcRolloutStore;
import dev.shepherd.testing.TestDatabases;
import dev.shepherd.testing.TestKeys;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A redacted symptom or fix is read by the learning loop as never said: no finding, proposed
 * runbook row or start warning carries its text, and the retrospective shows the redaction.
 */
class RedactedEvidenceTest {
  private static final String CUSTOMER = "ACME-CORP";

  private Database database;
  private EngineFixture engine;

  @BeforeEach
  void open() {
    database = TestDatabases.h2();
    engine = EngineFixture.learning(database);
    engine.publish(LearningRunbooks.WITH_TABLE, "rev-1");
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aRedactedSymptomAndFixNoLongerFeedFindingsProposalsOrWarnings() {
    Rollout rollout = walkTo(engine.started("dev"), 3);
    accepted(engine.act(rollout, Action.FAIL, 3, OPERATOR));
    accepted(
        engine.service.note(
            NoteRequest.symptom(
                rollout.id(),
                new NoteRequest.StepRef(Phase.FORWARD, 3),
                OPERATOR,
                CUSTOMER + "'s tenant answered 403 to the smoke test",
                List.of(),
                engine.key())));
    accepted(engine.act(rollout, Action.RETRY, 3, OPERATOR));
    accepted(engine.act(rollout, Action.DONE, 3, OPERATOR));
    accepted(
        engine.service.hindsight(
            new AfterTheFactRequest(
                rollout.id(),
                Action.RESOLVE,
                3,
                OPERATOR,
                Resolution.encode("re-keyed " + CUSTOMER + "'s tenant", ""),
                engine.key())));
    engine.complete(engine.service.find(rollout.id()).orElseThrow());
    // What the loop learnt before: the symptom and the fix, in words, stored for the register.
    assertThat(engine.findings.of(rollout.id()).toString()).contains(CUSTOMER);
    JdbcFindingStore register = new JdbcFindingStore(database.dataSource());
    assertThat(register.of(rollout.id()).orElseThrow().toString()).contains(CUSTOMER);

    for (Acknowledgement said : engine.service.trail(rollout.id())) {
      if (said.action() == Action.SYMPTOM || said.action() == Action.RESOLVE) {
        accepted(
            engine.service.redact(
                new RedactRequest(
                    rollout.id(), said.id(), OPERATOR, "names a customer", engine.key())));
      }
    }

    // Stored until read again: the redaction moved the version on, so reading derives them anew.
    assertThat(register.of(rollout.id()).orElseThrow().toString()).contains(CUSTOMER);
    List<RunbookFinding> findings = engine.findings.of(rollout.id());
    assertThat(findings.toString()).doesNotContain(CUSTOMER, "redacted");
    assertThat(register.of(rollout.id()).orElseThrow())
        .satisfies(
            stored -> {
              assertThat(stored.version())
                  .isEqualTo(engine.service.find(rollout.id()).orElseThrow().version());
              assertThat(stored.toString()).doesNotContain(CUSTOMER);
            });
    assertThat(findings)
        .filteredOn(f -> f.kind() == RunbookFinding.Kind.UNMATCHED_SYMPTOM)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.symptom()).isEmpty();
              assertThat(f.resolution()).isEmpty();
            });
    String diff =
        new ProposalWriter(
                new JdbcRolloutStore(database.dataSource(), TestKeys.KEYS),
                engine.findings::of,
                UnifiedDiff::of,
                path -> "runbooks/" + path,
                Optional.empty())
            .propose(rollout.id())
            .diff();
    assertThat(diff).doesNotContain(CUSTOMER, "redacted");
    JdbcRolloutStore store = new JdbcRolloutStore(database.dataSource(), TestKeys.KEYS);
    String retro =
        new RetrospectiveDrafter(
                new RecordReader(store, new JdbcAuditLog(database.dataSource())),
                new RunbookHistory(store),
                engine.findings,
                id -> Optional.of(diff))
            .draft(rollout.id())
            .orElseThrow();
    // The retrospective tells what happened: the redaction, never the words.
    assertThat(retro)
        .doesNotContain(CUSTOMER)
        .contains("- **Symptom:** [redacted by U0OPERATOR at ");
    assertThat(engine.started("dev").warnings()).noneMatch(w -> w.contains(CUSTOMER));
  }

  private Rollout walkTo(Rollout rollout, int position) {
    Rollout current = rollout;
    for (int step = 1; step < position; step++) {
      if (current.step(Phase.FORWARD, step).orElseThrow().needsApproval()) {
        accepted(engine.act(current, Action.APPROVE, step, ALICE));
      }
      current = accepted(engine.act(current, Action.DONE, step, OPERATOR));
    }
    return current;
  }
}
