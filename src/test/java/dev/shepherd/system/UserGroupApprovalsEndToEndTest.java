package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.WarningsLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approvers named by Slack user group, end to end: signed clicks in, usergroups.list and
 * usergroups.users.list answered by the fake Web API, membership asked at every click.
 */
@Timeout(120)
class UserGroupApprovalsEndToEndTest {
  static final String CAROL = "U0CAROL";
  static final String DAVE = "W0DAVE"; // an Enterprise Grid user id
  static final String CONFIG =
      """
      runbooks: ./runbooks
      partitions:
        - name: dev
          vars: {region: us-east-2, vault: Arda-DevOAM}
        - name: prod
          protected: true
          approvers: ["@platform-leads", S0SRE, U0ALICE]
          runbook_approvers: add   # the runbook's Bob approves here too
          approvals: 2
          vars: {region: us-east-1, vault: Arda-ProdOAM}
      """;

  @TempDir Path folder;
  ShepherdUnderTest shepherd;
  FakeSlack slack;

  void start(String config) throws Exception {
    slack = new FakeSlack();
    slack.userGroup("S0LEADS", "platform-leads", List.of(CAROL, DAVE));
    slack.userGroup("S0SRE", "sre", List.of(CAROL, "U0ERIN"));
    shepherd =
        new ShepherdUnderTest(
            folder,
            slack,
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            config,
            Map.of("oam-secrets.md", ShepherdUnderTest.RUNBOOK),
            Map.of());
  }

  @AfterEach
  void stop() {
    if (shepherd != null) {
      shepherd.close();
    } else if (slack != null) {
      slack.close();
    }
  }

  /** ALICE (a prod approver) starts prod despite the choreography; its step 1 opens. */
  private FakeSlack.Message prodStep1() throws Exception {
    assertThat(shepherd.command(ALICE, "prod oam-secrets --override \"drill\""))
        .startsWith("Starting");
    return shepherd.openStep(shepherd.root("prod").ts(), 1);
  }

  private Rollout prod() {
    return shepherd.shepherd.rollouts().activeOn("prod").orElseThrow();
  }

  private List<Acknowledgement> approvals() {
    return shepherd.shepherd.rollouts().trail(prod().id()).stream()
        .filter(a -> a.action() == Action.APPROVE)
        .toList();
  }

  @Test
  void groupMembersApproveAndTheQuorumCountsDistinctPeople() throws Exception {
    start(CONFIG);
    FakeSlack.Message step = prodStep1();

    shepherd.click(CAROL, step, ActionIds.APPROVE); // in both groups
    shepherd.click(CAROL, step, ActionIds.APPROVE);
    shepherd.click(DAVE, step, ActionIds.APPROVE);

    assertThat(approvals())
        .extracting(Acknowledgement::user, Acknowledgement::accepted)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(CAROL, true),
            org.assertj.core.groups.Tuple.tuple(CAROL, false),
            org.assertj.core.groups.Tuple.tuple(DAVE, true));
    assertThat(approvals().get(1).detail())
        .isEqualTo("you approved step 1 already; it needs 2" + " distinct approvers");
    assertThat(prod().steps().get(0).approvedBy()).containsExactly(CAROL, DAVE);
    assertThat(slack.calls("usergroups.users.list"))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.param("usergroup")).isIn("S0LEADS", "S0SRE"));
  }

  @Test
  void aMemberRemovedFromTheGroupBetweenTwoClicksCannotApproveTheSecond() throws Exception {
    start(CONFIG);
    FakeSlack.Message step1 = prodStep1();
    shepherd.click(DAVE, step1, ActionIds.APPROVE);
    shepherd.click(BOB, step1, ActionIds.APPROVE);
    shepherd.click(ALICE, step1, ActionIds.DONE);
    FakeSlack.Message step2 = shepherd.openStep(step1.threadTs(), 2);

    slack.userGroup("S0LEADS", "platform-leads", List.of(CAROL)); // Dave leaves the team
    shepherd.click(DAVE, step2, ActionIds.APPROVE);

    Acknowledgement refused = approvals().get(approvals().size() - 1);
    assertThat(refused.user()).isEqualTo(DAVE);
    assertThat(refused.accepted()).isFalse();
    assertThat(refused.detail())
        .startsWith(
            "only an approver of oam-secrets on prod can approve"
                + " (approvers: @U0ALICE, @U0BOB, @platform-leads, @S0SRE)");
    assertThat(prod().steps().get(1).approvedBy()).isEmpty();
  }

  @Test
  void aGroupSlackWillNotLetShepherdReadRefusesApprovalsThroughItWithTheReason() throws Exception {
    start(CONFIG);
    FakeSlack.Message step = prodStep1();
    slack.userGroupsScope(false);

    shepherd.click(CAROL, step, ActionIds.APPROVE);
    shepherd.click(BOB, step, ActionIds.APPROVE); // named directly: no group to read

    assertThat(approvals())
        .extracting(Acknowledgement::user, Acknowledgement::accepted)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(CAROL, false),
            org.assertj.core.groups.Tuple.tuple(BOB, true));
    String missingScope =
        "Slack answered usergroups.users.list with missing_scope: add the"
            + " usergroups:read scope to the app and reinstall it";
    assertThat(approvals().get(0).detail())
        .isEqualTo(
            "cannot tell whether you are an approver:"
                + " cannot read user group @platform-leads: "
                + missingScope
                + "; cannot read user group"
                + " S0SRE: "
                + missingScope
                + ". Approvals through those groups wait until Slack lets"
                + " Shepherd read them");
    FakeSlack.Call ephemeral =
        slack
            .await(
                "the refusal shown to Carol",
                calls ->
                    calls.stream()
                        .anyMatch(
                            c ->
                                c.method().equals("chat.postEphemeral")
                                    && c.param("user").equals(CAROL)),
                ShepherdUnderTest.WAIT)
            .stream()
            .filter(c -> c.method().equals("chat.postEphemeral"))
            .findFirst()
            .orElseThrow();
    assertThat(ephemeral.param("text")).contains("missing_scope");
  }

  @Test
  void aHandleTakenOverWhileShepherdRestartsIsLoggedAndRefusedButNeverStopsShepherd()
      throws Exception {
    start(CONFIG); // pins @platform-leads to S0LEADS in the database
    shepherd.stop();
    slack.userGroup("S0LEADS", "old-leads", List.of(CAROL, DAVE)); // renamed away
    slack.userGroup("S0EVIL", "platform-leads", List.of("U0EVIL")); // and the handle taken

    List<String> logged;
    try (WarningsLog log = new WarningsLog()) {
      shepherd.start();
      logged = log.warnings();
    }

    String moved =
        "Slack user group @platform-leads now names group S0EVIL, not S0LEADS it was pinned to"
            + " when Shepherd first resolved it: someone renamed groups or took the handle over."
            + " Name the group you mean by its id (S0LEADS or S0EVIL) in the config, then restart"
            + " Shepherd; a handle moved on purpose is re-pinned as docs/reference/permissions.md"
            + " says";
    assertThat(logged)
        .filteredOn(line -> line.contains("@platform-leads"))
        .containsExactly(
            "ERROR dev.shepherd.app.GroupCheck: "
                + folder.resolve("shepherd.yaml")
                + ":5: partition prod: "
                + moved
                + ". Shepherd serves anyway, and refuses approvals through that group until this"
                + " is fixed");
    assertThat(shepherd.readyz()).isEqualTo("200 ready");

    FakeSlack.Message step = prodStep1();
    shepherd.click("U0EVIL", step, ActionIds.APPROVE); // in the group that took the handle
    shepherd.click(DAVE, step, ActionIds.APPROVE); // in the group it was pinned to, by handle only

    assertThat(approvals())
        .extracting(Acknowledgement::user, Acknowledgement::accepted, Acknowledgement::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "U0EVIL",
                false,
                "cannot tell whether you are an approver: "
                    + moved
                    + ". Approvals through that group are refused until the config is fixed"),
            org.assertj.core.groups.Tuple.tuple(
                DAVE,
                false,
                "cannot tell whether you are an approver: "
                    + moved
                    + ". Approvals through that group are refused until the config is fixed"));
    assertThat(prod().steps().get(0).approvedBy()).isEmpty();
  }

  @Test
  void anUnknownGroupInTheConfigIsLoggedAndRefusedButNeverStopsShepherd() throws Exception {
    List<String> logged;
    try (WarningsLog log = new WarningsLog()) {
      start(CONFIG.replace("@platform-leads", "@platform-leadz"));
      logged = log.warnings();
    }

    assertThat(logged)
        .filteredOn(line -> line.contains("@platform-leadz"))
        .containsExactly(
            "ERROR dev.shepherd.app.GroupCheck: "
                + folder.resolve("shepherd.yaml")
                + ":5: partition prod: no Slack user group @platform-leadz in this workspace (it"
                + " has @platform-leads, @sre): fix the approver or create the group. Shepherd"
                + " serves anyway, and refuses approvals through that group until this is fixed");
    assertThat(shepherd.readyz()).isEqualTo("200 ready");

    FakeSlack.Message step = prodStep1();
    shepherd.click(DAVE, step, ActionIds.APPROVE); // in @platform-leads, not the group named
    shepherd.click(CAROL, step, ActionIds.APPROVE); // in S0SRE too

    assertThat(approvals())
        .extracting(Acknowledgement::user, Acknowledgement::accepted)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(DAVE, false),
            org.assertj.core.groups.Tuple.tuple(CAROL, true));
    assertThat(approvals().get(0).detail())
        .isEqualTo(
            "cannot tell whether you are an approver: no Slack user group @platform-leadz in this"
                + " workspace (it has @platform-leads, @sre). Approvals through that group are"
                + " refused until the config is fixed");
  }
}
