package dev.shepherd.rollout;

import static dev.shepherd.rollout.EngineFixture.ALICE;
import static dev.shepherd.rollout.EngineFixture.CHANNEL;
import static dev.shepherd.rollout.EngineFixture.OPERATOR;
import static dev.shepherd.rollout.EngineFixture.PROD_LEAD;
import static dev.shepherd.rollout.EngineFixture.STRANGER;
import static dev.shepherd.rollout.EngineFixture.accepted;
import static dev.shepherd.rollout.EngineFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Action;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.junit.jupiter.api.BeforeEach;

/**
 * Waves, canaries, parallel limits, soak, windows, blackouts, the fleet freeze and overrides,
 * through {@link RolloutService} on a real database: each test runs once on H2 and once on
 * PostgreSQL.
 */
class FleetEngineTest {
  private DatabaseExtension db;
  EngineFixture engine;

  @BeforeEach
  void setUp(DatabaseExtension db) {
    this.db = db;
  }

  EngineFixture fleet(String yaml) {
    return fleet(yaml, UserGroups.NONE);
  }

  EngineFixture fleet(String yaml, UserGroups groups) {
    engine = new EngineFixture(db.database(), FleetConfigs.load(yaml).choreography(), groups);
    return engine;
  }

  /** User groups held in memory: members can join and leave, a group can become unreadable. */
  static final class Groups implements UserGroups {
    final Map<String, Set<String>> members = new ConcurrentHashMap<>();
    final Set<String> unreadable = ConcurrentHashMap.newKeySet();

    @Override
    public Lookup members(String group) {
      if (unreadable.contains(group)) {
        return new Unreadable(group, "Slack is down");
      }
      Set<String> users = members.get(group);
      return users == null
          ? new Unknown(group, "no Slack user group " + group)
          : new Members(group, users);
    }
  }

  static final String CAROL = "U0CAROL";
  static final String DAVE = "W0DAVE";

  private void at(String instant) {
    engine.clock.advance(Duration.between(engine.clock.instant(), Instant.parse(instant)));
  }

  private void throughStage() {
    engine.complete(engine.started("dev"));
    engine.complete(engine.started("stage"));
    engine.clock.advance(Duration.ofHours(1));
  }

  @DatabaseTest
  void aWaveWaitsForEveryPartitionOfThePreviousWave() {
    fleet(FleetConfigs.FLEET);
    throughStage();
    Rollout canary = engine.started("cell-1");
    engine.complete(canary);
    for (String cell : new String[] {"cell-2", "cell-3"}) {
      engine.complete(engine.started(cell));
    }

    Refusal refusal = refused(engine.start("prod-eu", OPERATOR));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.CHOREOGRAPHY);
    assertThat(refusal.message())
        .isEqualTo(
            "oam-secrets has not completed revision rev-1 on"
                + " cell-4, cell-5, which come before prod-eu (wave prod waits for wave cells). Roll out"
                + " there first, or an approver can start anyway with --override \"reason\"");
  }

  @DatabaseTest
  void theNextWaveWaitsForThePreviousOneAtTheSameRevision() {
    fleet(FleetConfigs.FLEET);
    engine.complete(engine.started("dev"));
    engine.publish(EngineFixture.RUNBOOK.replace("Smoke test", "Smoke test everything"), "rev-2");

    Refusal refusal = refused(engine.start("stage", OPERATOR));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.CHOREOGRAPHY);
    assertThat(refusal.message())
        .startsWith(
            "oam-secrets has not completed revision rev-2 on"
                + " dev (at rev-1), which come before stage (wave stage waits for wave dev)");
    engine.complete(engine.started("dev"));
    assertThat(engine.start("stage", OPERATOR)).isInstanceOf(Outcome.Accepted.class);
  }

  @DatabaseTest
  void theCanaryCompletesAloneBeforeTheRestOfItsWave() {
    fleet(FleetConfigs.FLEET);
    throughStage();
    Rollout canary = engine.started("cell-1");

    Refusal refusal = refused(engine.start("cell-2", OPERATOR));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.CANARY);
    assertThat(refusal.message())
        .isEqualTo(
            "cell-2 waits for the canary of wave cells:"
                + " oam-secrets revision rev-1 has not completed on cell-1. Roll out there first, or an"
                + " approver can start anyway with --override \"reason\"");
    engine.complete(canary);
    assertThat(engine.start("cell-2", OPERATOR)).isInstanceOf(Outcome.Accepted.class);
  }

  @DatabaseTest
  void aWaveHasAtMostItsParallelLimitInRolloutAtOnce() {
    fleet(FleetConfigs.FLEET);
    throughStage();
    engine.complete(engine.started("cell-1"));
    Rollout second = engine.started("cell-2");
    engine.started("cell-3");

    Refusal refusal = refused(engine.start("cell-4", OPERATOR));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.PARALLEL_LIMIT);
    assertThat(refusal.message())
        .isEqualTo(
            "wave cells allows 2 partitions in rollout at once,"
                + " and cell-2, cell-3 are: start cell-4 when one of them ends");
    refused(engine.override("cell-4", PROD_LEAD, "in a hurry"));
    engine.complete(second);
    assertThat(engine.start("cell-4", OPERATOR)).isInstanceOf(Outcome.Accepted.class);
  }

  @DatabaseTest
  void theNextWaveWaitsForTheSoakAndIsToldWhenItMayStart() {
    fleet(FleetConfigs.FLEET);
    engine.complete(engine.started("dev"));
    engine.complete(engine.started("stage")); // at 09:00 UTC
    engine.clock.advance(Duration.ofMinutes(20));

    Refusal refusal = refused(engine.start("cell-1", OPERATOR));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.SOAKING);
    assertThat(refusal.message())
        .isEqualTo(
            "stage completed at 2026-11-27 09:00 UTC and soaks"
                + " 1h 0m: cell-1 may start at 2026-11-27 10:00 UTC (in 40m 0s), or an approver can"
                + " start anyway with --override \"reason\"");
    engine.clock.advance(Duration.ofMinutes(40));
    assertThat(engine.start("cell-1", OPERATOR)).isInstanceOf(Outcome.Accepted.class);
  }

  @DatabaseTest
  void anApproverOverridesTheSoakWithAReasonAndTheRolloutSaysWhatWasOverridden() {
    fleet(FleetConfigs.FLEET);
    engine.complete(engine.started("dev"));
    engine.complete(engine.started("stage"));

    Rollout rollout = accepted(engine.override("cell-1", PROD_LEAD, "fix for INC-7"));

    assertThat(rollout.override()).contains(new ChoreographyOverride(PROD_LEAD, "fix for INC-7"));
    assertThat(rollout.warnings())
        .contains(
            "started despite the choreography by @U0PRODLEAD:"
                + " fix for INC-7 (stage soaking until 2026-11-27 10:00 UTC)");
    assertThat(engine.service.trail(rollout.id()).get(0).detail())
        .isEqualTo("override: fix for INC-7");
    assertThat(refused(engine.override("cell-2", OPERATOR, "me too")).message())
        .startsWith("only an approver can override the choreography");
  }

  @DatabaseTest
  void theCanaryAndTheLastWaveAreWarned() {
    fleet(FleetConfigs.FLEET);
    throughStage();

    Rollout canary = engine.started("cell-1");
    Rollout last = accepted(engine.override("prod-us", PROD_LEAD, "drill"));

    assertThat(canary.warnings())
        .contains(
            "cell-1 is the canary of wave cells: the 4 partitions"
                + " after it trust what happens here. Watch it closely before calling it done");
    assertThat(last.warnings().get(0))
        .isEqualTo(
            "prod-us is in the last wave (prod): latent"
                + " bugs that only fire here surface now. Is the rollback procedure ready?");
    assertThat(last.warnings().get(1))
        .startsWith(
            "started despite the choreography by"
                + " @U0PRODLEAD: drill (not completed yet: cell-1, cell-2, cell-3, cell-4, cell-5)");
  }

  @DatabaseTest
  void windowsKeepTheirLocalHoursAcrossEachZonesDaylightSavingChange() {
    fleet(FleetConfigs.WINDOWS);
    // New York moves to EDT on 2027-03-14, Berlin to CEST on 2027-03-28.
    at("2027-03-12T13:30:00Z"); // Fri 08:30 EST
    Refusal early = refused(engine.start("prod-us", OPERATOR));
    assertThat(early.reason()).isEqualTo(Refusal.Reason.OUTSIDE_WINDOW);
    assertThat(early.message())
        .isEqualTo(
            "prod-us starts only inside its deploy windows (Mon-Fri"
                + " 09:00-17:00 America/New_York), and 2027-03-12 13:30 UTC is outside them. The next"
                + " opening is Fri 2027-03-12 09:00 America/New_York (2027-03-12 14:00 UTC), or an"
                + " approver can start anyway with --override \"reason\"");

    at("2027-03-15T13:30:00Z"); // Mon 09:30 EDT: the same UTC time is inside now
    engine.complete(accepted(engine.start("prod-us", OPERATOR)));

    at("2027-03-26T07:30:00Z"); // Fri 08:30 CET: no window on Fridays
    assertThat(refused(engine.start("prod-eu", OPERATOR)).message())
        .contains(
            "The next opening" + " is Mon 2027-03-29 09:00 Europe/Berlin (2027-03-29 07:00 UTC)");
    at("2027-03-29T07:30:00Z"); // Mon 09:30 CEST
    assertThat(engine.start("prod-eu", OPERATOR)).isInstanceOf(Outcome.Accepted.class);
  }

  @DatabaseTest
  void aBlackoutRefusesStartsAndSchedulesAndNamesTheNextOpening() {
    fleet(FleetConfigs.WINDOWS);
    at("2027-12-23T10:00:00Z"); // Thu, inside prod-eu's window, the day before the holidays

    Refusal schedule =
        refused(
            engine.service.schedule(
                new StartRequest(
                    "oam-secrets", "prod-eu", OPERATOR, CHANNEL, Optional.empty(), engine.key()),
                Instant.parse("2027-12-24T09:00:00Z")));
    assertThat(schedule.reason()).isEqualTo(Refusal.Reason.BLACKOUT);
    assertThat(schedule.message())
        .isEqualTo(
            "prod-eu: 2027-12-24 09:00 UTC falls in the blackout"
                + " 2027-12-24..2027-12-26 Europe/Berlin (holidays). The next opening is Mon 2027-12-27"
                + " 09:00 Europe/Berlin (2027-12-27 08:00 UTC), or an approver can start anyway with"
                + " --override \"reason\"");

    at("2027-12-24T10:00:00Z");
    Refusal start = refused(engine.start("prod-us", OPERATOR));
    assertThat(start.message())
        .startsWith(
            "prod-us: it is in the blackout 2027-12-24..2027-12-26"
                + " Europe/Berlin (holidays). The next opening is Mon 2027-12-27 09:00 America/New_York");
    // One override with a reason covers every order and timing rule, and lists each one.
    Rollout overridden = accepted(engine.override("prod-us", PROD_LEAD, "the outage fix"));
    assertThat(overridden.warnings())
        .contains(
            "started despite the choreography by @U0PRODLEAD:"
                + " the outage fix (in the blackout 2027-12-24..2027-12-26 Europe/Berlin (holidays);"
                + " outside the deploy windows Mon-Fri 09:00-17:00 America/New_York)");
  }

  @DatabaseTest
  void freezeAllIsRecordedOnceAndShownOnEveryStartUntilUnfrozen() {
    fleet(FleetConfigs.FLEET);
    RolloutService fleet = engine.service;

    assertThat(refused(fleet.freezeAll(STRANGER, "INC-9", engine.key())).reason())
        .isEqualTo(Refusal.Reason.NOT_ALLOWED);
    assertThat(refused(fleet.freezeAll(PROD_LEAD, " ", engine.key())).reason())
        .isEqualTo(Refusal.Reason.REASON_REQUIRED);
    assertThat(fleet.freezeAll(PROD_LEAD, "INC-9 payments down", engine.key()))
        .isInstanceOf(Outcome.Accepted.class);

    String expected =
        "every partition is frozen by @U0PRODLEAD since 2026-11-27 09:00 UTC:"
            + " INC-9 payments down. An approver can lift it with /rollout unfreeze all";
    for (String partition : new String[] {"dev", "cell-3", "prod-us"}) {
      Refusal refusal = refused(engine.start(partition, OPERATOR));
      assertThat(refusal.reason()).isEqualTo(Refusal.Reason.FROZEN);
      assertThat(refusal.message()).isEqualTo(expected);
    }
    assertThat(engine.service.freezes())
        .singleElement()
        .satisfies(f -> assertThat(f.partition()).isEqualTo(Freeze.ALL));
    assertThat(refused(engine.override("dev", ALICE, "urgent")).message()).isEqualTo(expected);

    assertThat(fleet.unfreezeAll(PROD_LEAD, engine.key())).isInstanceOf(Outcome.Accepted.class);
    assertThat(fleet.fleetFreeze()).isEmpty();
    assertThat(engine.start("dev", OPERATOR)).isInstanceOf(Outcome.Accepted.class);
    assertThat(refused(fleet.unfreezeAll(PROD_LEAD, engine.key())).reason())
        .isEqualTo(Refusal.Reason.NOT_FROZEN);
  }

  @DatabaseTest
  void groupMembersApproveAndEachPersonCountsOnceWhateverGroupTheyCameThrough() {
    Groups groups = new Groups();
    groups.members.put("@leads", Set.of(CAROL, DAVE));
    groups.members.put("S0SRE", Set.of(CAROL));
    fleet(FleetConfigs.GROUPS, groups);
    Rollout prod = accepted(engine.override("prod", ALICE, "drill"));

    accepted(engine.act(prod, Action.APPROVE, 1, CAROL));
    Refusal twice = refused(engine.act(prod, Action.APPROVE, 1, CAROL));
    assertThat(twice.reason()).isEqualTo(Refusal.Reason.ALREADY_APPROVED);
    assertThat(refused(engine.act(prod, Action.DONE, 1, ALICE)).reason())
        .isEqualTo(Refusal.Reason.NEEDS_APPROVAL);
    accepted(engine.act(prod, Action.APPROVE, 1, DAVE));
    Rollout done = accepted(engine.act(prod, Action.DONE, 1, ALICE));

    assertThat(done.steps().get(0).approvedBy()).containsExactly(CAROL, DAVE);
  }

  @DatabaseTest
  void aMemberRemovedBetweenTwoClicksIsRefusedTheSecondTime() {
    Groups groups = new Groups();
    groups.members.put("@leads", new CopyOnWriteArraySet<>(List.of(CAROL, DAVE)));
    groups.members.put("S0SRE", Set.of());
    fleet(FleetConfigs.GROUPS, groups);
    Rollout prod = accepted(engine.override("prod", ALICE, "drill"));
    accepted(engine.act(prod, Action.APPROVE, 1, DAVE));

    groups.members.get("@leads").remove(DAVE);
    Refusal refusal = refused(engine.act(prod, Action.APPROVE, 1, DAVE));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.NOT_ALLOWED);
    assertThat(refusal.message())
        .isEqualTo(
            "only an approver of oam-secrets on prod can approve"
                + " (approvers: @U0ALICE, @U0BOB, @leads, @S0SRE)");
  }

  @DatabaseTest
  void anUnreadableGroupRefusesWithTheReasonButPeopleNamedDirectlyStillApprove() {
    Groups groups = new Groups();
    groups.members.put("@leads", Set.of(CAROL));
    groups.members.put("S0SRE", Set.of(CAROL));
    fleet(FleetConfigs.GROUPS, groups);
    Rollout prod = accepted(engine.override("prod", ALICE, "drill"));
    groups.unreadable.add("S0SRE");
    groups.unreadable.add("@leads");

    Refusal refusal = refused(engine.act(prod, Action.APPROVE, 1, CAROL));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.GROUP_UNREADABLE);
    assertThat(refusal.message())
        .isEqualTo(
            "cannot tell whether you are an approver: cannot read"
                + " user group @leads: Slack is down; cannot read user group S0SRE: Slack is down."
                + " Approvals through those groups wait until Slack lets Shepherd read them");
    accepted(engine.act(prod, Action.APPROVE, 1, EngineFixture.BOB));
    assertThat(refused(engine.service.freezeAll(CAROL, "INC-1", engine.key())).reason())
        .isEqualTo(Refusal.Reason.GROUP_UNREADABLE);
  }

  @DatabaseTest
  void aGroupMemberMayOverrideAndFreezeTheFleet() {
    Groups groups = new Groups();
    groups.members.put("@leads", Set.of(DAVE));
    groups.members.put("S0SRE", Set.of());
    fleet(FleetConfigs.GROUPS, groups);

    Rollout prod = accepted(engine.override("prod", DAVE, "drill"));
    assertThat(prod.override()).contains(new ChoreographyOverride(DAVE, "drill"));
    assertThat(engine.service.freezeAll(DAVE, "INC-2", engine.key()))
        .isInstanceOf(Outcome.Accepted.class);
    assertThat(refused(engine.override("dev", CAROL, "me too")).reason())
        .isEqualTo(Refusal.Reason.FROZEN);
  }

  @DatabaseTest
  void theRolloutThatCompletesAWaveAnnouncesItsSoakAtTheNextWavesFirstOpening() {
    fleet(FleetConfigs.SOAK_INTO_WINDOW);
    Rollout stage = engine.complete(engine.started("stage")); // Fri 2026-11-27 09:00 UTC

    // Soaked at 10:00 UTC on Friday, but prod's window opens on Monday at 09:00 in Berlin.
    Soak soaked = engine.service.soakAfter(stage).orElseThrow();
    assertThat(soaked)
        .isEqualTo(
            new Soak(
                Instant.parse("2026-11-30T08:00:00Z"),
                "oam-secrets: stage has soaked 1h 0m: wave prod (prod-eu, prod-us) may start"));
    assertThat(engine.service.soakDue(stage.id(), Instant.parse("2026-11-30T07:59:00Z"))).isEmpty();
    assertThat(engine.service.soakDue(stage.id(), Instant.parse("2026-11-30T08:00:00Z")))
        .contains(soaked);

    at("2026-11-30T08:30:00Z");
    Rollout prodEu = engine.complete(engine.started("prod-eu"));
    assertThat(engine.service.soakAfter(prodEu)).isEmpty(); // the last wave announces nothing
    Rollout again = engine.complete(engine.started("stage"));
    assertThat(engine.service.soakAfter(stage)).isEmpty(); // a later run of the wave took over
    assertThat(engine.service.soakAfter(again)).isPresent();
  }
}
