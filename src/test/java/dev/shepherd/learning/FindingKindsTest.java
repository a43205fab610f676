package dev.shepherd.learning;

import static dev.shepherd.rollout.EngineFixture.ALICE;
import static dev.shepherd.rollout.EngineFixture.BOB;
import static dev.shepherd.rollout.EngineFixture.OPERATOR;
import static dev.shepherd.rollout.EngineFixture.PROD_LEAD;
import static dev.shepherd.rollout.EngineFixture.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.learning.finding.FindingRiskRegister;
import dev.shepherd.learning.finding.Resolution;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.rollout.AfterTheFactRequest;
import dev.shepherd.rollout.EngineFixture;
import dev.shepherd.rollout.NoteRequest;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.store.Database;
import dev.shepherd.testing.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each kind of finding, from rollouts walked through the engine on a real H2 database. */
class FindingKindsTest {
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
  void aSymptomNoRowNamesIsFoundWithWhatFixedIt() {
    Rollout rollout = failAtThree("dev", "ThrottlingException: Rate exceeded");
    engine.service.note(
        NoteRequest.symptom(
            rollout.id(),
            new NoteRequest.StepRef(Phase.FORWARD, 3),
            OPERATOR,
            "`Rate exceeded` from the smoke test",
            List.of(),
            engine.key()));
    accepted(engine.act(rollout, Action.RETRY, 3, OPERATOR));
    Rollout done = accepted(engine.act(rollout, Action.DONE, 3, OPERATOR));
    accepted(
        engine.service.hindsight(
            new AfterTheFactRequest(
                rollout.id(),
                Action.RESOLVE,
                3,
                OPERATOR,
                Resolution.encode("raised the API quota", "the dev account's default quota"),
                engine.key())));
    engine.complete(engine.service.find(done.id()).orElseThrow());

    RunbookFinding finding = only(rollout, RunbookFinding.Kind.UNMATCHED_SYMPTOM);
    assertThat(finding.key()).isEqualTo("unmatched_symptom:3:1");
    assertThat(finding.runbookStep()).isEqualTo(3);
    assertThat(finding.stepTitle()).isEqualTo("Smoke test");
    assertThat(finding.symptom())
        .isEqualTo("ThrottlingException: Rate exceeded; `Rate exceeded` from the smoke test");
    assertThat(finding.detail())
        .isEqualTo(
            "failed once with a symptom its one troubleshooting row"
                + " does not name; retried and done by @U0OPERATOR");
    assertThat(finding.resolution())
        .hasValueSatisfying(
            r -> {
              assertThat(r.fix()).isEqualTo("raised the API quota");
              assertThat(r.cause()).isEqualTo("the dev account's default quota");
              assertThat(r.by()).isEqualTo(OPERATOR);
            });
  }

  @Test
  void aSymptomARowNamesIsNoFinding() {
    Rollout rollout = failAtThree("dev", "AccessDenied when it ran describe-stacks");
    accepted(engine.act(rollout, Action.RETRY, 3, OPERATOR));
    accepted(engine.act(rollout, Action.DONE, 3, OPERATOR));

    assertThat(engine.findings.of(rollout.id()))
        .extracting(RunbookFinding::kind)
        .doesNotContain(RunbookFinding.Kind.UNMATCHED_SYMPTOM);
  }

  @Test
  void aFailureNobodyDescribedIsFoundToo() {
    Rollout rollout = walkTo(engine.started("dev"), 3);
    accepted(engine.act(rollout, Action.FAIL, 3, OPERATOR));
    accepted(engine.act(rollout, Action.RETRY, 3, OPERATOR));
    accepted(engine.act(rollout, Action.DONE, 3, OPERATOR));

    RunbookFinding finding = only(rollout, RunbookFinding.Kind.UNMATCHED_SYMPTOM);
    assertThat(finding.symptom()).isEmpty();
    assertThat(finding.detail())
        .isEqualTo(
            "failed once and nobody said what they saw; retried and" + " done by @U0OPERATOR");
    assertThat(FindingRiskRegister.words(finding))
        .isEqualTo("step 3 (Smoke test) failed, and nobody said" + " what they saw");
  }

  @Test
  void aSkippedStepIsFoundWithItsReason() {
    Rollout rollout = engine.started("dev");
    rollout = walkTo(rollout, 4);
    accepted(
        engine.act(
            rollout.id(),
            Action.SKIP,
            Phase.FORWARD,
            4,
            ALICE,
            Optional.of("nothing to prune on a fresh vault")));

    RunbookFinding finding = only(rollout, RunbookFinding.Kind.SKIPPED);
    assertThat(finding.runbookStep()).isEqualTo(4);
    assertThat(finding.detail())
        .isEqualTo("skipped by @U0ALICE: nothing to prune on a fresh vault");
  }

  @Test
  void aRollbackIsFoundAtTheStepThatFailed() {
    Rollout rollout = failAtThree("dev", "smoke test red");
    Rollout back =
        accepted(
            engine.act(
                rollout.id(),
                Action.ROLLBACK,
                Phase.FORWARD,
                3,
                OPERATOR,
                Optional.of("customers see errors")));
    while (back.state() == RolloutState.ROLLING_BACK) {
      StepRun step = back.currentStep().orElseThrow();
      if (step.needsApproval()) {
        accepted(
            engine.act(
                back.id(),
                Action.APPROVE,
                Phase.ROLLBACK,
                step.position(),
                ALICE,
                Optional.empty()));
      }
      back =
          accepted(
              engine.act(
                  back.id(),
                  Action.DONE,
                  Phase.ROLLBACK,
                  step.position(),
                  OPERATOR,
                  Optional.empty()));
    }

    RunbookFinding finding = only(rollout, RunbookFinding.Kind.ROLLED_BACK);
    assertThat(finding.runbookStep()).isEqualTo(3);
    assertThat(finding.symptom()).isEqualTo("smoke test red");
    assertThat(finding.detail())
        .isEqualTo(
            "rolled back by @U0OPERATOR after step 3 failed:"
                + " customers see errors (rolled back)");
  }

  @Test
  void aStepFarSlowerThanItsMedianIsFoundOnceThereAreEnoughEarlierRuns() {
    for (int run = 0; run < 3; run++) {
      Rollout quick = engine.started("dev");
      engine.clock.advance(Duration.ofMinutes(2));
      engine.complete(quick);
      engine.clock.advance(Duration.ofHours(1));
    }
    Rollout slow = engine.started("dev");
    engine.clock.advance(Duration.ofMinutes(40));
    engine.complete(slow);

    RunbookFinding finding = only(slow, RunbookFinding.Kind.SLOW);
    assertThat(finding.runbookStep()).isEqualTo(1);
    assertThat(finding.detail())
        .isEqualTo("took 40m 0s against a median of 2m 0s over 3 earlier runs");
  }

  @Test
  void twiceTheMedianOrTooFewRunsIsNotSlow() {
    for (int run = 0; run < 2; run++) {
      Rollout quick = engine.started("dev");
      engine.clock.advance(Duration.ofMinutes(2));
      engine.complete(quick);
    }
    Rollout slow = engine.started("dev");
    engine.clock.advance(Duration.ofMinutes(40));
    engine.complete(slow);
    assertThat(engine.findings.of(slow.id())).isEmpty();

    Rollout third = engine.started("dev");
    engine.clock.advance(Duration.ofMinutes(5));
    engine.complete(third);
    assertThat(engine.findings.of(third.id()))
        .as("5m against a median of 2m: not 3×, and by < 5m")
        .isEmpty();
  }

  @Test
  void aFailureOnlyOnTheLastPartitionIsNamedALatentBug() {
    engine.complete(engine.started("dev"));
    engine.complete(engine.started("stage"));
    Rollout prod = failAtThree("prod", "Rate exceeded");

    RunbookFinding finding = only(prod, RunbookFinding.Kind.LATENT_BUG);
    assertThat(finding.detail())
        .isEqualTo(
            "a latent bug that only fired on prod: step 3 succeeded"
                + " on dev, stage at revision rev-1 and failed on the last partition");
  }

  @Test
  void aFailureOnStageOrAfterAnotherRevisionIsNoLatentBug() {
    engine.complete(engine.started("dev"));
    Rollout stage = failAtThree("stage", "Rate exceeded");
    assertThat(engine.findings.of(stage.id()))
        .extracting(RunbookFinding::kind)
        .doesNotContain(RunbookFinding.Kind.LATENT_BUG);
    accepted(engine.act(stage.id(), Action.ABORT, Phase.FORWARD, 0, OPERATOR, Optional.empty()));

    engine.complete(engine.started("stage"));
    engine.publish(
        LearningRunbooks.WITH_TABLE.replace("drift-check", "drift-check --strict"), "rev-2");
    Rollout prod = failAtThree("prod", "Rate exceeded");
    assertThat(engine.findings.of(prod.id()))
        .extracting(RunbookFinding::kind)
        .doesNotContain(RunbookFinding.Kind.LATENT_BUG);
  }

  @Test
  void anOverrideIsAFindingButNoRisk() {
    Rollout prod = accepted(engine.override("prod", ALICE, "hotfix INC-42"));

    RunbookFinding finding = only(prod, RunbookFinding.Kind.OVERRIDE);
    assertThat(finding.detail())
        .startsWith("started by @U0ALICE despite the choreography: hotfix INC-42");
    assertThat(finding.kind().isRisk()).isFalse();
  }

  @Test
  void aStepTheRunbookWarnedAboutThatFailedIsFound() {
    Rollout rollout = failAtThree("dev", "AccessDenied on describe-stacks");

    RunbookFinding finding = only(rollout, RunbookFinding.Kind.WARNING_THEN_FAILED);
    assertThat(finding.detail())
        .isEqualTo("failed after the runbook warned: the smoke test calls the live API.");
  }

  @Test
  void aResolutionOnlyWhoFinishedTheStepTheOperatorOrAnApproverMayGive() {
    Rollout rollout = failAtThree("dev", "Rate exceeded");
    assertThat(
            engine.service.hindsight(
                new AfterTheFactRequest(
                    rollout.id(),
                    Action.RESOLVE,
                    3,
                    OPERATOR,
                    Resolution.encode("retried", ""),
                    engine.key())))
        .as("not done yet")
        .isInstanceOf(Outcome.Refused.class);
    accepted(engine.act(rollout, Action.RETRY, 3, OPERATOR));
    accepted(engine.act(rollout, Action.DONE, 3, OPERATOR));

    Outcome stranger =
        engine.service.hindsight(
            new AfterTheFactRequest(
                rollout.id(),
                Action.RESOLVE,
                3,
                "U0STRANGER",
                Resolution.encode("magic", ""),
                engine.key()));
    assertThat(EngineFixture.refused(stranger).message())
        .isEqualTo(
            "only who finished step 3, the" + " operator or an approver may say what fixed it");
    accepted(
        engine.service.hindsight(
            new AfterTheFactRequest(
                rollout.id(),
                Action.RESOLVE,
                3,
                BOB,
                Resolution.encode("raised the quota", ""),
                engine.key())));
  }

  /** Starts a rollout on the partition and fails it at step 3 with the reason. */
  private Rollout failAtThree(String partition, String symptom) {
    Rollout rollout = walkTo(engine.started(partition), 3);
    return accepted(
        engine.act(rollout.id(), Action.FAIL, Phase.FORWARD, 3, OPERATOR, Optional.of(symptom)));
  }

  /** Approves and finishes every step before {@code position}. */
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

  private RunbookFinding only(Rollout rollout, RunbookFinding.Kind kind) {
    List<RunbookFinding> found =
        engine.findings.of(rollout.id()).stream().filter(f -> f.kind() == kind).toList();
    assertThat(found).as("findings of kind " + kind).hasSize(1);
    return found.get(0);
  }
}
