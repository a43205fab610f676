package dev.shepherd.rollout;

import static dev.shepherd.rollout.EngineFixture.ALICE;
import static dev.shepherd.rollout.EngineFixture.BOB;
import static dev.shepherd.rollout.EngineFixture.CHANNEL;
import static dev.shepherd.rollout.EngineFixture.OPERATOR;
import static dev.shepherd.rollout.EngineFixture.PROD_LEAD;
import static dev.shepherd.rollout.EngineFixture.STRANGER;
import static dev.shepherd.rollout.EngineFixture.accepted;
import static dev.shepherd.rollout.EngineFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.partition.Choreography;
import dev.shepherd.partition.Partition;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcRolloutStore;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import dev.shepherd.testing.TestKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every engine rule, through {@link RolloutService}'s public interface, on a real database: each
 * test runs once on H2 and once on PostgreSQL.
 */
class RolloutEngineTest {
  EngineFixture engine;
  private Database database;

  @BeforeEach
  void setUp(DatabaseExtension db) {
    database = db.database();
    engine = new EngineFixture(database);
  }

  @DatabaseTest
  void startPostsTheFirstStepAndRecordsWhoStartedIt() {
    Rollout rollout = engine.started("dev");

    assertThat(rollout.state()).isEqualTo(RolloutState.RUNNING);
    assertThat(rollout.runbook().revision().id()).isEqualTo("rev-1");
    assertThat(rollout.runbook().title()).isEqualTo("Roll out OAM secrets on dev");
    assertThat(rollout.steps())
        .extracting(StepRun::state)
        .containsExactly(StepState.POSTED, StepState.PENDING, StepState.PENDING, StepState.PENDING);
    assertThat(engine.service.trail(rollout.id()))
        .singleElement()
        .satisfies(
            ack -> {
              assertThat(ack.action()).isEqualTo(Action.START);
              assertThat(ack.user()).isEqualTo(OPERATOR);
              assertThat(ack.accepted()).isTrue();
            });
  }

  @DatabaseTest
  void choreographyRefusesProdWhileEarlierPartitionsHaveNotCompleted() {
    engine.complete(engine.started("dev"));

    Refusal refusal = refused(engine.start("prod", OPERATOR));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.CHOREOGRAPHY);
    assertThat(refusal.message())
        .isEqualTo(
            "oam-secrets has not completed on stage, which come"
                + " before prod (dev → stage → prod). Roll out there first, or an approver can start"
                + " anyway with --override \"reason\"");
  }

  @DatabaseTest
  void approverMayOverrideTheChoreographyAndTheOverrideIsRecorded() {
    Rollout rollout = accepted(engine.override("stage", ALICE, "hotfix for INC-42"));

    assertThat(rollout.override()).contains(new ChoreographyOverride(ALICE, "hotfix for INC-42"));
    assertThat(rollout.warnings())
        .contains(
            "started despite the choreography by @U0ALICE:"
                + " hotfix for INC-42 (not completed yet: dev)");
    assertThat(engine.service.trail(rollout.id()).get(0).detail())
        .isEqualTo("override: hotfix for INC-42");
    assertThat(engine.service.summary(rollout.id()).orElseThrow().rollout().override()).isPresent();
  }

  @DatabaseTest
  void operatorWhoIsNotAnApproverCannotOverride() {
    Refusal refusal = refused(engine.override("stage", OPERATOR, "in a hurry"));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.NOT_ALLOWED);
    assertThat(refusal.message()).startsWith("only an approver can override the choreography");
  }

  @DatabaseTest
  void lastPartitionFirstRunAndChangedRevisionAreWarnedLoudestFirst() {
    engine.complete(engine.started("dev"));
    engine.complete(engine.started("stage"));
    engine.publish(EngineFixture.RUNBOOK.replace("Smoke test", "Smoke test everything"), "rev-2");

    Rollout prod = engine.started("prod");

    assertThat(prod.warnings())
        .containsExactly(
            "prod is the last partition: latent bugs that only fire here surface now. Is the rollback"
                + " procedure ready?",
            "revision rev-2 differs from the one that completed on dev (rev-1), stage (rev-1): what"
                + " passed there is not exactly what runs here",
            "first rollout of oam-secrets on prod: nobody has walked this runbook here before");
  }

  @DatabaseTest
  void secondRunOnAPartitionIsNotWarnedAsTheFirst() {
    engine.complete(engine.started("dev"));

    assertThat(engine.started("dev").warnings()).isEmpty();
  }

  @DatabaseTest
  void undefinedVariableRefusesTheStartNamingTheLine() {
    engine.publish(
        EngineFixture.RUNBOOK.replace(
            "--region {{region}}\n```\n### Rollback",
            "--region {{region}} --account {{account}}\n```\n### Rollback"),
        "rev-2");

    Refusal refusal = refused(engine.start("dev", OPERATOR));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.UNDEFINED_VARIABLE);
    assertThat(refusal.message())
        .isEqualTo(
            "not defined for dev: {{account}} (oam-secrets.md:10)."
                + " Add account to the vars of dev in the config, then start again");
  }

  @DatabaseTest
  void onePartitionHasAtMostOneActiveRollout() {
    Rollout first = engine.started("dev");

    Refusal refusal = refused(engine.start("dev", ALICE));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.ACTIVE_ROLLOUT);
    assertThat(refusal.message())
        .isEqualTo(
            "dev already has an active rollout: oam-secrets by"
                + " @U0OPERATOR (running). Finish or abort it first (/rollout abort dev)");
    assertThat(engine.service.activeOn("dev")).map(Rollout::id).contains(first.id());
  }

  @DatabaseTest(repetitions = 5)
  void oneRevisionStartedOnEveryPartitionAtOnceStartsEverywhere() throws Exception {
    // The first start of a revision keeps its text: three starts at once must not trip over it.
    List<String> partitions = List.of("dev", "stage", "prod");
    ExecutorService pool = Executors.newFixedThreadPool(3);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Outcome>> starts =
          partitions.stream()
              .map(
                  p ->
                      pool.submit(
                          () -> {
                            go.await();
                            return engine.override(p, ALICE, "incident INC-7");
                          }))
              .toList();
      go.countDown();
      for (Future<Outcome> start : starts) {
        assertThat(start.get(30, TimeUnit.SECONDS)).isInstanceOf(Outcome.Accepted.class);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(engine.service.active())
        .extracting(Rollout::partition)
        .containsExactlyInAnyOrderElementsOf(partitions);
    for (Rollout rollout : engine.service.active()) {
      assertThat(engine.service.pinned(rollout)).isPresent();
    }
  }

  @DatabaseTest
  void completingTheLastStepEndsTheRolloutAndFreesThePartition() {
    Rollout done = engine.complete(engine.started("dev"));

    assertThat(done.state()).isEqualTo(RolloutState.COMPLETED);
    assertThat(done.endedAt()).isPresent();
    assertThat(engine.service.active()).isEmpty();
    assertThat(engine.service.completed("oam-secrets"))
        .extracting(CompletedRun::partition)
        .containsExactly("dev");
    engine.started("dev");
  }

  @DatabaseTest
  void completedIsTheNewestRunOnEachPartitionInTheRunbooksOrder() {
    engine.complete(engine.started("dev"));
    engine.clock.advance(Duration.ofMinutes(5));
    engine.publish(
        EngineFixture.RUNBOOK.replace("Check for drift", "Check for drift again"), "rev-2");
    Rollout newer = engine.complete(engine.started("dev"));
    engine.clock.advance(Duration.ofMinutes(5));
    engine.complete(engine.started("stage"));

    assertThat(engine.service.completed("oam-secrets"))
        .extracting(CompletedRun::partition, CompletedRun::rolloutId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dev", newer.id()),
            org.assertj.core.groups.Tuple.tuple(
                "stage", engine.service.completed("oam-secrets").get(1).rolloutId()));
    assertThat(engine.service.completed("oam-secrets"))
        .extracting(r -> r.revision().id())
        .containsExactly("rev-2", "rev-2");
  }

  @DatabaseTest
  void pinnedRunbookIsRenderedForEachRolloutsOwnPartitionAndKeepsItsRevision() {
    Rollout dev = engine.started("dev");
    Rollout stage = accepted(engine.override("stage", ALICE, "hotfix"));
    engine.publish(EngineFixture.RUNBOOK.replace("drift-check", "drift-check-v2"), "rev-2");

    for (int read = 0; read < 2; read++) { // the second read comes from the cache
      assertThat(
              engine
                  .service
                  .pinned(dev)
                  .orElseThrow()
                  .runbook()
                  .steps()
                  .get(0)
                  .instructions()
                  .commands()
                  .get(0)
                  .code())
          .isEqualTo("./amm.sh drift-check --region us-east-2\n");
      assertThat(engine.service.pinned(stage).orElseThrow().partition().name()).isEqualTo("stage");
    }
  }

  @DatabaseTest
  void activeRolloutsComeWithTheirOwnStepsByPartition() {
    Rollout stage = accepted(engine.override("stage", ALICE, "hotfix"));
    Rollout dev = engine.started("dev");
    engine.act(dev, Action.DONE, 1, OPERATOR);

    assertThat(engine.service.active())
        .extracting(Rollout::id)
        .containsExactly(dev.id(), stage.id());
    for (Rollout active : engine.service.active()) {
      assertThat(active).isEqualTo(engine.service.find(active.id()).orElseThrow());
    }
    assertThat(engine.service.activeOn("stage")).map(Rollout::id).contains(stage.id());
  }

  @DatabaseTest
  void operatorCannotApproveOwnStep() {
    Rollout rollout = engine.started("dev");
    accepted(engine.act(rollout, Action.DONE, 1, OPERATOR));

    Refusal refusal = refused(engine.act(rollout, Action.APPROVE, 2, OPERATOR));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.SELF_APPROVAL);
    assertThat(refusal.message())
        .isEqualTo(
            "you started this rollout, so someone else must"
                + " approve its steps (approvers: @U0ALICE, @U0BOB)");
    assertThat(
            engine
                .service
                .find(rollout.id())
                .orElseThrow()
                .step(Phase.FORWARD, 2)
                .orElseThrow()
                .approvedBy())
        .isEmpty();
  }

  @DatabaseTest
  void stepNeedingApprovalIsNotDoneUntilApproved() {
    Rollout rollout = engine.started("dev");
    accepted(engine.act(rollout, Action.DONE, 1, OPERATOR));

    Refusal refusal = refused(engine.act(rollout, Action.DONE, 2, OPERATOR));
    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.NEEDS_APPROVAL);
    assertThat(refusal.message())
        .isEqualTo("step 2 (Deploy) needs 1 approval before it is done;" + " it has 0");

    accepted(engine.act(rollout, Action.APPROVE, 2, ALICE));
    Rollout after = accepted(engine.act(rollout, Action.DONE, 2, OPERATOR));
    assertThat(after.step(Phase.FORWARD, 2).orElseThrow().approvedBy()).containsExactly(ALICE);
    assertThat(after.currentStep().orElseThrow().position()).isEqualTo(3);
  }

  @DatabaseTest
  void protectedPartitionNeedsTwoDistinctApproversOnEveryStep() {
    Rollout prod = accepted(engine.override("prod", PROD_LEAD, "exercise prod rules"));

    accepted(engine.act(prod, Action.APPROVE, 1, BOB));
    assertThat(refused(engine.act(prod, Action.APPROVE, 1, BOB)).reason())
        .isEqualTo(Refusal.Reason.ALREADY_APPROVED);
    assertThat(refused(engine.act(prod, Action.DONE, 1, PROD_LEAD)).message())
        .isEqualTo(
            "step 1 (Check for drift) needs 2 approvals before it is done; it has 1 (@U0BOB)");
    accepted(engine.act(prod, Action.APPROVE, 1, ALICE));

    Rollout after = accepted(engine.act(prod, Action.DONE, 1, PROD_LEAD));
    assertThat(after.step(Phase.FORWARD, 1).orElseThrow().approvedBy()).containsExactly(BOB, ALICE);
  }

  @DatabaseTest
  void approvalOfAStepThatNeedsNoneIsRefused() {
    Rollout rollout = engine.started("dev");

    assertThat(refused(engine.act(rollout, Action.APPROVE, 1, ALICE)).reason())
        .isEqualTo(Refusal.Reason.NO_APPROVAL_NEEDED);
  }

  @DatabaseTest
  void someoneWhoIsNeitherOperatorNorApproverCanDoNothing() {
    Rollout rollout = engine.started("dev");

    for (Action action : List.of(Action.DONE, Action.FAIL, Action.APPROVE, Action.ABORT)) {
      Refusal refusal = refused(engine.act(rollout, action, 1, STRANGER));
      assertThat(refusal.reason()).as(action.label()).isEqualTo(Refusal.Reason.NOT_ALLOWED);
    }
    assertThat(engine.service.find(rollout.id()).orElseThrow().version())
        .isEqualTo(rollout.version());
    assertThat(engine.service.trail(rollout.id())).filteredOn(Acknowledgement::accepted).hasSize(1);
    assertThat(engine.service.trail(rollout.id())).filteredOn(a -> !a.accepted()).hasSize(4);
  }

  @DatabaseTest
  void sameIdempotencyKeyIsOneAcknowledgement() {
    Rollout rollout = engine.started("dev");
    ActionRequest click =
        new ActionRequest(
            rollout.id(),
            Action.DONE,
            Phase.FORWARD,
            1,
            OPERATOR,
            "A1:1732699200.123",
            Optional.empty());

    Outcome first = engine.service.act(click);
    Outcome second = engine.service.act(click);

    assertThat(first).isInstanceOf(Outcome.Accepted.class);
    assertThat(second).isInstanceOf(Outcome.Duplicate.class);
    assertThat(second.acknowledgement()).isEqualTo(first.acknowledgement());
    assertThat(second.rollout().orElseThrow().currentStep().orElseThrow().position()).isEqualTo(2);
    assertThat(engine.service.trail(rollout.id())).hasSize(2);
  }

  @DatabaseTest
  void clickOnAStepThatHasMovedOnIsRefusedAsStale() {
    Rollout rollout = engine.started("dev");
    accepted(engine.act(rollout, Action.DONE, 1, OPERATOR));

    Refusal refusal = refused(engine.act(rollout, Action.DONE, 1, ALICE));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.STALE);
    assertThat(refusal.message())
        .isEqualTo(
            "step 1 (Check for drift) is done by @U0OPERATOR at"
                + " 2026-11-27 09:00 UTC; the current step is 2 (Deploy)");
  }

  @DatabaseTest
  void failedStepCanBeRetried() {
    Rollout rollout = engine.started("dev");
    Rollout failed = accepted(engine.act(rollout, Action.FAIL, 1, OPERATOR));
    assertThat(failed.currentStep().orElseThrow().state()).isEqualTo(StepState.FAILED);

    Rollout retried = accepted(engine.act(rollout, Action.RETRY, 1, OPERATOR));

    assertThat(retried.currentStep().orElseThrow().state()).isEqualTo(StepState.POSTED);
    assertThat(engine.service.summary(rollout.id()).orElseThrow().failures()).hasSize(1);
  }

  @DatabaseTest
  void rollbackWalksTheFailedStepThenTheDoneStepsNewestFirst() {
    Rollout rollout = engine.started("dev");
    accepted(engine.act(rollout, Action.DONE, 1, OPERATOR));
    accepted(engine.act(rollout, Action.APPROVE, 2, ALICE));
    accepted(engine.act(rollout, Action.DONE, 2, OPERATOR));
    accepted(engine.act(rollout, Action.DONE, 3, OPERATOR));
    accepted(engine.act(rollout, Action.FAIL, 4, OPERATOR));

    Rollout rolling = accepted(engine.act(rollout, Action.ROLLBACK, 4, OPERATOR));

    assertThat(rolling.state()).isEqualTo(RolloutState.ROLLING_BACK);
    // step 3 has no rollback section, so the walk is 4, 2, 1
    assertThat(rolling.rollbackSteps()).extracting(StepRun::runbookStep).containsExactly(4, 2, 1);
    assertThat(rolling.currentStep().orElseThrow().phase()).isEqualTo(Phase.ROLLBACK);

    Rollout current = rolling;
    for (int position = 1; position <= 3; position++) {
      StepRun step = current.currentStep().orElseThrow();
      if (step.needsApproval()) {
        accepted(
            engine.act(
                rollout.id(), Action.APPROVE, Phase.ROLLBACK, position, BOB, Optional.empty()));
      }
      current =
          accepted(
              engine.act(
                  rollout.id(), Action.DONE, Phase.ROLLBACK, position, OPERATOR, Optional.empty()));
    }
    assertThat(current.state()).isEqualTo(RolloutState.ROLLED_BACK);
    assertThat(engine.service.active()).isEmpty();
    assertThat(engine.service.summary(rollout.id()).orElseThrow().rollbacks())
        .extracting(Summary.StepOutcome::state)
        .containsOnly(StepState.DONE);
  }

  @DatabaseTest
  void abortEndsTheRolloutAndLaterClicksAreStale() {
    Rollout rollout = engine.started("dev");

    Rollout aborted =
        accepted(
            engine.service.act(
                new ActionRequest(
                    rollout.id(),
                    Action.ABORT,
                    Phase.FORWARD,
                    0,
                    ALICE,
                    engine.key(),
                    Optional.of("wrong window"))));

    assertThat(aborted.state()).isEqualTo(RolloutState.ABORTED);
    assertThat(refused(engine.act(rollout, Action.DONE, 1, OPERATOR)).message())
        .isEqualTo("this rollout is aborted; nothing more can be done to it");
    assertThat(engine.service.activeOn("dev")).isEmpty();
  }

  @DatabaseTest
  void skippingNeedsAnApproverWhoIsNotTheOperatorAndAReason() {
    Rollout rollout = engine.started("dev");

    assertThat(refused(engine.act(rollout, Action.SKIP, 1, OPERATOR)).reason())
        .isEqualTo(Refusal.Reason.SELF_APPROVAL);
    assertThat(refused(engine.act(rollout, Action.SKIP, 1, ALICE)).message())
        .isEqualTo("skipping a step needs a reason: say why it is safe to skip");

    Rollout skipped =
        accepted(
            engine.act(
                rollout.id(),
                Action.SKIP,
                Phase.FORWARD,
                1,
                ALICE,
                Optional.of("drift check ran in CI")));
    StepRun step = skipped.step(Phase.FORWARD, 1).orElseThrow();
    assertThat(step.state()).isEqualTo(StepState.SKIPPED);
    assertThat(step.reason()).contains("drift check ran in CI");
    assertThat(step.finishedBy()).contains(ALICE);
  }

  @DatabaseTest
  void frozenPartitionRefusesStartsNamingWhoWhenAndWhy() {
    assertThat(engine.service.freeze("dev", ALICE, "deploy freeze for the holidays", engine.key()))
        .isInstanceOf(Outcome.Accepted.class);
    engine.clock.advance(Duration.ofHours(1));

    Refusal refusal = refused(engine.start("dev", OPERATOR));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.FROZEN);
    assertThat(refusal.message())
        .isEqualTo(
            "dev is frozen by @U0ALICE since 2026-11-27 09:00 UTC:"
                + " deploy freeze for the holidays. An approver can lift it with /rollout unfreeze dev");

    assertThat(engine.service.unfreeze("dev", BOB, engine.key()))
        .isInstanceOf(Outcome.Accepted.class);
    engine.started("dev");
  }

  @DatabaseTest
  void onlyApproversFreezeAndAFreezeNeedsAReason() {
    assertThat(refused(engine.service.freeze("dev", STRANGER, "because", engine.key())).reason())
        .isEqualTo(Refusal.Reason.NOT_ALLOWED);
    assertThat(refused(engine.service.freeze("dev", ALICE, " ", engine.key())).reason())
        .isEqualTo(Refusal.Reason.REASON_REQUIRED);
    assertThat(refused(engine.service.unfreeze("dev", ALICE, engine.key())).reason())
        .isEqualTo(Refusal.Reason.NOT_FROZEN);
    assertThat(engine.service.freezes()).isEmpty();
  }

  @DatabaseTest
  void partitionWithChannelsRefusesStartsFromOtherChannels() {
    Choreography restricted =
        new Choreography(
            List.of(
                new Partition(
                    "dev",
                    Map.of("region", "us-east-2", "vault", "Arda-DevOAM"),
                    false,
                    List.of(),
                    1,
                    List.of("C0DEVDEPLOY"),
                    0)));
    EngineFixture local = new EngineFixture(database, restricted);

    Refusal refusal = refused(local.start("dev", OPERATOR));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.WRONG_CHANNEL);
    assertThat(refusal.message())
        .isEqualTo("dev can be rolled out only from #C0DEVDEPLOY: run the" + " command there");
    assertThat(CHANNEL).isNotEqualTo("C0DEVDEPLOY");
  }

  @DatabaseTest
  void aRolloutIsReconstructedFromTheDatabaseAlone() {
    Rollout rollout = engine.started("dev");
    accepted(engine.act(rollout, Action.DONE, 1, OPERATOR));
    accepted(engine.act(rollout, Action.APPROVE, 2, ALICE));

    RolloutService restarted =
        new RolloutService(
            new JdbcRolloutStore(database.dataSource(), TestKeys.KEYS),
            engine.choreography,
            engine.catalog::get,
            engine.clock,
            List.of());
    Rollout reloaded = restarted.find(rollout.id()).orElseThrow();

    assertThat(reloaded).isEqualTo(engine.service.find(rollout.id()).orElseThrow());
    assertThat(reloaded.currentStep().orElseThrow().approvedBy()).containsExactly(ALICE);
    Rollout done =
        accepted(
            restarted.act(
                new ActionRequest(
                    rollout.id(),
                    Action.DONE,
                    Phase.FORWARD,
                    2,
                    OPERATOR,
                    "after-restart",
                    Optional.empty())));
    assertThat(done.currentStep().orElseThrow().position()).isEqualTo(3);
  }

  @DatabaseTest
  void summaryTellsTheWholeStoryAndWhatComesNext() {
    Rollout rollout = engine.started("dev");
    accepted(engine.act(rollout, Action.FAIL, 1, OPERATOR));
    accepted(engine.act(rollout, Action.RETRY, 1, OPERATOR));
    engine.clock.advance(Duration.ofMinutes(7));
    engine.complete(engine.service.find(rollout.id()).orElseThrow());

    Summary summary = engine.service.summary(rollout.id()).orElseThrow();

    assertThat(summary.next()).isEqualTo("next: stage");
    assertThat(summary.duration()).contains(Duration.ofMinutes(7));
    assertThat(summary.approvers()).containsExactly(ALICE);
    assertThat(summary.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.position()).contains(1));
    assertThat(summary.steps()).extracting(Summary.StepOutcome::state).containsOnly(StepState.DONE);
    assertThat(summary.timeline())
        .extracting(Acknowledgement::action)
        .containsExactly(
            Action.START,
            Action.FAIL,
            Action.RETRY,
            Action.DONE,
            Action.APPROVE,
            Action.DONE,
            Action.DONE,
            Action.DONE);
  }

  @DatabaseTest
  void prodSummarySaysItWasTheLastPartition() {
    Rollout prod = engine.complete(accepted(engine.override("prod", PROD_LEAD, "drill")));

    assertThat(engine.service.summary(prod.id()).orElseThrow().next())
        .isEqualTo("prod was the last partition");
  }

  @DatabaseTest
  void unknownRunbookAndPartitionAreRefusedWithWhatExists() {
    assertThat(
            refused(
                    engine.service.start(
                        new StartRequest(
                            "nope", "dev", OPERATOR, CHANNEL, Optional.empty(), engine.key())))
                .message())
        .isEqualTo("no runbook nope (runbooks: oam-secrets)");
    assertThat(refused(engine.start("qa", OPERATOR)).message())
        .isEqualTo("no partition qa (partitions: dev, stage, prod)");
  }

  @DatabaseTest
  void failingStartCheckRefusesTheStart() {
    RolloutService checked =
        new RolloutService(
            new JdbcRolloutStore(database.dataSource(), TestKeys.KEYS),
            engine.choreography,
            engine.catalog::get,
            engine.clock,
            List.of(
                (runbook, partition) ->
                    List.of(runbook.path() + ":11: reads dev's vault on " + partition.name())));

    Refusal refusal =
        refused(
            checked.start(
                new StartRequest(
                    "oam-secrets", "dev", OPERATOR, CHANNEL, Optional.empty(), engine.key())));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.UNSAFE_RUNBOOK);
    assertThat(refusal.message())
        .isEqualTo(
            "cannot start oam-secrets on dev: oam-secrets.md:11:" + " reads dev's vault on dev");
  }
}
