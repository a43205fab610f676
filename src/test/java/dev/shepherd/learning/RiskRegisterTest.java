package dev.shepherd.learning;

import static dev.shepherd.rollout.EngineFixture.ALICE;
import static dev.shepherd.rollout.EngineFixture.BOB;
import static dev.shepherd.rollout.EngineFixture.OPERATOR;
import static dev.shepherd.rollout.EngineFixture.PROD_LEAD;
import static dev.shepherd.rollout.EngineFixture.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.learning.finding.DismissalRecorder;
import dev.shepherd.learning.finding.FindingClosure;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.rollout.EngineFixture;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.store.Database;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * Open findings warn the next rollouts until a revision covers them or an approver dismisses them.
 * Each test runs on H2 and on PostgreSQL (the finding store's SQL as the scaled-out Shepherd runs
 * it).
 */
class RiskRegisterTest {
  private static final String RISK =
      "Last run on prod: step 3 (Smoke test) failed with `Rate"
          + " exceeded`; no troubleshooting row yet (a latent bug that only fired on prod)";

  private Database database;
  private EngineFixture engine;
  private Rollout failed;

  @BeforeEach
  void prodFailedOnASymptomTheTableLacks(DatabaseExtension db) {
    database = db.database();
    engine = EngineFixture.learning(database);
    engine.publish(LearningRunbooks.WITH_TABLE, "rev-1");
    engine.complete(engine.started("dev"));
    engine.complete(engine.started("stage"));
    Rollout prod = walkTo(engine.started("prod"), 3);
    failed =
        accepted(
            engine.act(
                prod.id(), Action.FAIL, Phase.FORWARD, 3, OPERATOR, Optional.of("Rate exceeded")));
    accepted(engine.act(failed.id(), Action.ABORT, Phase.FORWARD, 0, OPERATOR, Optional.empty()));
  }

  @DatabaseTest
  void theNextProdRolloutIsWarnedRightAfterItIsTheLastPartition() {
    Rollout again = engine.started("prod");

    assertThat(again.warnings().get(0)).startsWith("prod is the last partition");
    assertThat(again.warnings().get(1)).isEqualTo(RISK);
  }

  @DatabaseTest
  void anEarlierPartitionIsWarnedTooAfterItsOwnWarnings() {
    Rollout stage = engine.started("stage");

    List<String> risks =
        stage.warnings().stream().filter(w -> w.startsWith("Last run on")).toList();
    assertThat(risks)
        .containsExactly(
            RISK,
            "Last run on prod: step 3 (Smoke test) failed after the"
                + " runbook warned: the smoke test calls the live API.");
    assertThat(stage.warnings().subList(stage.warnings().size() - 2, stage.warnings().size()))
        .isEqualTo(risks);
  }

  @DatabaseTest
  void aRevisionWithTheRowClosesTheFindingForGood() {
    engine.publish(LearningRunbooks.WITH_RATE_ROW, "rev-2");
    Rollout again = engine.started("prod");

    assertThat(again.warnings()).noneMatch(w -> w.startsWith("Last run on"));
    assertThat(engine.findings.open(Optional.of("oam-secrets"))).isEmpty();
    RunbookFinding closed =
        engine.findings.of(failed.id()).stream()
            .filter(f -> f.kind() == RunbookFinding.Kind.UNMATCHED_SYMPTOM)
            .findFirst()
            .orElseThrow();
    assertThat(closed.closure())
        .hasValueSatisfying(
            c -> {
              assertThat(c.kind()).isEqualTo(FindingClosure.Kind.COVERED);
              assertThat(c.by()).isEqualTo("rev-2");
              assertThat(c.reason()).startsWith("step 3 has a troubleshooting row for it (line ");
            });
    // The old revision does not reopen it: coverage is kept when the rollout is derived again.
    engine.publish(LearningRunbooks.WITH_TABLE, "rev-1");
    assertThat(engine.findings.open(Optional.of("oam-secrets")))
        .extracting(RunbookFinding::kind)
        .doesNotContain(RunbookFinding.Kind.UNMATCHED_SYMPTOM);
  }

  @DatabaseTest
  void anApproverDismissesWithAReasonOnTheRecordAndNobodyElseMay() {
    DismissalRecorder dismissals = new DismissalRecorder(engine.service, engine.findings);
    List<RunbookFinding> open = engine.findings.open(Optional.of("oam-secrets"));
    assertThat(open)
        .extracting(RunbookFinding::key)
        .contains("unmatched_symptom:3:1", "latent_bug:3:1", "warning_then_failed:3:1");

    assertThat(
            dismissals.dismiss(
                failed.id(), "unmatched_symptom:3:1", "U0STRANGER", "meh", engine.key()))
        .contains(
            "only an approver of the rollout's partition in the config may dismiss its findings");
    assertThat(dismissals.dismiss(failed.id(), "unmatched_symptom:3:1", ALICE, " ", engine.key()))
        .contains("a dismissal needs a reason: say why it no longer matters");
    assertThat(dismissals.dismiss(failed.id(), "slow:9:1", ALICE, "gone", engine.key()))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .startsWith(
                        "rollout " + failed.id().substring(0, 8) + " has no finding slow:9:1"));
    assertThat(
            dismissals.dismiss(
                failed.id(),
                "unmatched_symptom:3:1",
                ALICE,
                "the quota was raised for good",
                engine.key()))
        .isEmpty();

    assertThat(engine.findings.open(Optional.of("oam-secrets")))
        .extracting(RunbookFinding::key)
        .doesNotContain("unmatched_symptom:3:1");
    assertThat(engine.service.trail(failed.id()))
        .filteredOn(a -> a.action() == Action.DISMISS && a.accepted())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.user()).isEqualTo(ALICE);
              assertThat(a.detail())
                  .isEqualTo("unmatched_symptom:3:1: the quota was raised for good");
            });
    assertThat(engine.started("stage").warnings())
        .noneMatch(w -> w.contains("no troubleshooting row yet"));
  }

  private Rollout walkTo(Rollout rollout, int position) {
    Rollout current = rollout;
    for (int step = 1; step < position; step++) {
      StepRun run = current.step(Phase.FORWARD, step).orElseThrow();
      if (run.needsApproval()) {
        List<String> approvers = List.of(ALICE, BOB, PROD_LEAD);
        for (int i = 0; i < current.approvalsNeeded(); i++) {
          accepted(engine.act(current, Action.APPROVE, step, approvers.get(i)));
        }
      }
      current = accepted(engine.act(current, Action.DONE, step, OPERATOR));
    }
    return current;
  }
}
