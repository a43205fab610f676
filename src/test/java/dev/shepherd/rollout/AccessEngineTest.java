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

import dev.shepherd.audit.Action;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Revision;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookParser;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * The doors of the gate, through {@link dev.shepherd.rollout.engine.RolloutService} on H2 and
 * PostgreSQL: a runbook file cannot widen who approves, skip the order or lift a freeze; a stranger
 * cannot hold a partition far ahead; one approver cannot skip a step that needs two.
 */
class AccessEngineTest {
  static final String EVIL = "U0EVIL1";
  EngineFixture engine;

  @BeforeEach
  void setUp(DatabaseExtension db) {
    engine = new EngineFixture(db.database());
  }

  /** Publishes the fixture's runbook beside another one. */
  private void alsoPublish(String path, String frontMatter) {
    List<Runbook> runbooks = new ArrayList<>(engine.catalog.get().runbooks());
    runbooks.add(
        new RunbookParser()
            .parse(
                path,
                "---\n" + frontMatter + "\n---\n# Other\n\n## Step 1: Go\n```bash\n./go.sh\n```\n",
                Revision.commit("rev-1")));
    engine.catalog.set(new Catalog(runbooks, List.of()));
  }

  private Outcome start(String runbook, String partition, String user, Optional<String> override) {
    return engine.service.start(
        new StartRequest(runbook, partition, user, CHANNEL, override, engine.key()));
  }

  @DatabaseTest
  void aRunbookThatAddsApproversIsRefusedOnProdEvenWithAnOverride() {
    alsoPublish("evil.md", "id: evil\npartitions: [prod]\napprovers: [U0EVIL1, U0EVIL2]");

    Refusal refusal =
        refused(start("evil", "prod", PROD_LEAD, Optional.of("urgent"))); // a keeper overrides

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.UNSAFE_RUNBOOK);
    assertThat(refusal.message())
        .isEqualTo(
            "cannot start evil on prod: evil.md:4: runbook evil names approvers U0EVIL1, U0EVIL2,"
                + " not approvers of prod in the config: a runbook may only name some of the"
                + " partition's approvers (U0PRODLEAD, U0ALICE, U0BOB); add them to prod's"
                + " approvers, remove them from the runbook, or set runbook_approvers: add on"
                + " prod");
    assertThat(engine.service.activeOn("prod")).isEmpty();
  }

  @DatabaseTest
  void aRunbookNamingOnlyProdStillWaitsForDevAndStage() {
    alsoPublish("hotfix.md", "id: hotfix\npartitions: [prod]\napprovers: [U0ALICE, U0BOB]");

    Refusal refusal = refused(start("hotfix", "prod", OPERATOR, Optional.empty()));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.CHOREOGRAPHY);
    assertThat(refusal.message())
        .startsWith(
            "hotfix has not completed on dev, stage, which come before prod (dev → stage →"
                + " prod)");
    // The override stays the way past the order, a keeper's call, recorded.
    Rollout overridden = accepted(start("hotfix", "prod", PROD_LEAD, Optional.of("INC-4 fix")));
    assertThat(overridden.override()).isPresent();
    assertThat(overridden.approvers()).containsExactly(ALICE, BOB);
  }

  @DatabaseTest
  void aRunbookOnlyApproverCannotLiftAFreezeAll() {
    alsoPublish("tool.md", "id: tool\npartitions: [dev]\napprovers: [U0EVIL1]");
    assertThat(engine.service.freezeAll(PROD_LEAD, "INC-9 payments down", engine.key()))
        .isInstanceOf(Outcome.Accepted.class);

    Refusal unfreeze = refused(engine.service.unfreezeAll(EVIL, engine.key()));
    Refusal devUnfreeze =
        refused(engine.service.freeze("dev", EVIL, "my own freeze", engine.key()));

    assertThat(unfreeze.message())
        .isEqualTo(
            "only an approver can unfreeze every partition (approvers: @U0PRODLEAD, @U0ALICE,"
                + " @U0BOB)");
    assertThat(devUnfreeze.reason()).isEqualTo(Refusal.Reason.NOT_ALLOWED);
    assertThat(engine.service.fleetFreeze()).isPresent();
  }

  @DatabaseTest
  void aStrangersFarScheduleIsRefusedAndANearOneHoldsTheDefault() {
    Instant far = engine.clock.instant().plus(Duration.ofDays(15));

    Refusal refusal =
        refused(
            engine.service.schedule(
                new StartRequest(
                    "oam-secrets", "dev", STRANGER, CHANNEL, Optional.empty(), engine.key()),
                far));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.INVALID_TIME);
    assertThat(refusal.message())
        .isEqualTo(
            "2026-12-12 09:00 UTC is more than 14 days ahead (at most 2026-12-11 09:00 UTC): a"
                + " schedule holds its partition, so pick a nearer time");
    assertThat(engine.service.scheduled()).isEmpty();
  }

  @DatabaseTest
  void aNonOperatorCannotStartOrScheduleOnProd() {
    Refusal start = refused(start("oam-secrets", "prod", STRANGER, Optional.of("trust me")));
    Refusal schedule =
        refused(
            engine.service.schedule(
                new StartRequest(
                    "oam-secrets", "prod", STRANGER, CHANNEL, Optional.empty(), engine.key()),
                engine.clock.instant().plus(Duration.ofHours(1))));

    assertThat(start.reason()).isEqualTo(Refusal.Reason.NOT_ALLOWED);
    assertThat(start.message())
        .isEqualTo(
            "only the operators and approvers of prod may start a rollout there (operators:"
                + " @U0OPERATOR, @U0PRODLEAD, @U0ALICE, @U0BOB): ask one of them, or to be added"
                + " to prod's operators in the config");
    assertThat(schedule.message())
        .startsWith("only the operators and approvers of prod may schedule");
  }

  @DatabaseTest
  void skipOnAStepThatNeedsTwoApprovalsTakesTwoDistinctApprovers() {
    Rollout prod = accepted(engine.override("prod", PROD_LEAD, "drill"));

    Refusal alone =
        refused(
            engine.act(
                prod.id(),
                Action.SKIP,
                dev.shepherd.audit.Phase.FORWARD,
                1,
                ALICE,
                Optional.of("not needed")));
    assertThat(alone.reason()).isEqualTo(Refusal.Reason.NEEDS_APPROVAL);
    assertThat(alone.message())
        .isEqualTo(
            "skipping step 1 (Check for drift) takes 2 distinct approvers, as done would: you and"
                + " nobody else so far; 1 more approver must approve it first");

    accepted(engine.act(prod, Action.APPROVE, 1, ALICE));
    assertThat(
            refused(
                    engine.act(
                        prod.id(),
                        Action.SKIP,
                        dev.shepherd.audit.Phase.FORWARD,
                        1,
                        ALICE,
                        Optional.of("not needed")))
                .reason())
        .isEqualTo(Refusal.Reason.NEEDS_APPROVAL);
    Rollout skipped =
        accepted(
            engine.act(
                prod.id(),
                Action.SKIP,
                dev.shepherd.audit.Phase.FORWARD,
                1,
                BOB,
                Optional.of("not needed")));
    assertThat(skipped.step(dev.shepherd.audit.Phase.FORWARD, 1).orElseThrow().state())
        .isEqualTo(StepState.SKIPPED);
  }

  @DatabaseTest
  void aRunbookOnlyApproverCannotDismissFindingsOrPushBranches() {
    alsoPublish("tool.md", "id: tool\npartitions: [dev]\napprovers: [U0EVIL1]");
    Rollout tool = accepted(start("tool", "dev", OPERATOR, Optional.empty()));
    assertThat(tool.approvers()).containsExactly(EVIL); // dev names none: the runbook's serve

    Refusal dismissal =
        refused(
            engine.service.hindsight(
                new AfterTheFactRequest(
                    tool.id(), Action.DISMISS, 0, EVIL, "not a risk", engine.key())));

    assertThat(dismissal.message())
        .isEqualTo(
            "only an approver of the rollout's partition in the config may dismiss its findings");
    assertThat(engine.service.mayPush(tool, EVIL)).isFalse();
    assertThat(engine.service.mayPush(tool, PROD_LEAD)).isTrue(); // dev's keepers: prod's
  }

  @DatabaseTest
  void aRunbookMayAskForMoreApprovalsThanItsPartition() {
    List<Runbook> runbooks = new ArrayList<>(engine.catalog.get().runbooks());
    runbooks.add(
        new RunbookParser()
            .parse(
                "careful.md",
                "---\nid: careful\npartitions: [dev]\napprovers: [U0ALICE, U0BOB]\napprovals:"
                    + " 2\n---\n# Careful\n\n## Step 1: Go\n\nApproval: required\n\n```bash\n"
                    + "./go.sh\n```\n",
                Revision.commit("rev-1")));
    engine.catalog.set(new Catalog(runbooks, List.of()));
    Rollout careful = accepted(start("careful", "dev", OPERATOR, Optional.empty()));
    assertThat(careful.approvalsNeeded()).isEqualTo(2); // dev itself asks for one

    accepted(engine.act(careful, Action.APPROVE, 1, ALICE));
    Refusal early = refused(engine.act(careful, Action.DONE, 1, OPERATOR));
    accepted(engine.act(careful, Action.APPROVE, 1, BOB));
    Rollout done = accepted(engine.act(careful, Action.DONE, 1, OPERATOR));

    assertThat(early.reason()).isEqualTo(Refusal.Reason.NEEDS_APPROVAL);
    assertThat(early.message())
        .isEqualTo("step 1 (Go) needs 2 approvals before it is done; it has 1 (@U0ALICE)");
    assertThat(done.step(dev.shepherd.audit.Phase.FORWARD, 1).orElseThrow().state())
        .isEqualTo(StepState.DONE);
  }

  @DatabaseTest
  void aRunbookAskingForFewerApprovalsThanProdStillNeedsProds() {
    alsoPublish("quick.md", "id: quick\napprovals: 1");

    Rollout prod = accepted(start("quick", "prod", PROD_LEAD, Optional.of("drill")));

    assertThat(prod.approvalsNeeded()).isEqualTo(2);
  }

  @DatabaseTest
  void aRunbookAskingForMoreApprovalsThanItsApproversCanGiveIsRefusedAtStart() {
    alsoPublish("strict.md", "id: strict\napprovers: [U0ALICE, U0BOB]\napprovals: 3");

    Refusal refusal = refused(start("strict", "prod", PROD_LEAD, Optional.of("drill")));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.UNSAFE_RUNBOOK);
    assertThat(refusal.message())
        .isEqualTo(
            "cannot start strict on prod: its steps that need approval need 3 distinct approvers"
                + " (the runbook's approvals: 3) but only 2 may approve there (U0ALICE, U0BOB):"
                + " add approvers to prod in the config, or ask for fewer in the runbook's"
                + " approvals");
    assertThat(engine.service.activeOn("prod")).isEmpty();
  }
}
