package dev.shepherd.rollout.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.partition.Choreography;
import dev.shepherd.partition.Partition;
import dev.shepherd.rollout.UserGroups;
import dev.shepherd.runbook.Revision;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  static final Partition DEV = Partition.of("dev", Map.of());
  static final Partition PROD =
      new Partition("prod", Map.of(), true, List.of("U0LEAD", "U0SRE", "U0ANA"), 2, List.of(), 0);
  static final Choreography CHOREOGRAPHY = new Choreography(List.of(DEV, PROD));
  static final AccessPolicy POLICY = AccessPolicy.of(CHOREOGRAPHY);

  static Runbook runbook(String approvers) {
    return new RunbookParser()
        .parse(
            "edge.md",
            "---\nid: edge\napprovers: " + approvers + "\n---\n# Edge\n\n## Step 1: Go\nGo.\n",
            Revision.commit("r1"));
  }

  @Test
  void aRunbookMayNameSomeOfAGovernedPartitionsApprovers() {
    Runbook narrow = runbook("[U0ANA]");

    assertThat(AccessPolicy.extraApprovers(narrow, PROD)).isEmpty();
    assertThat(AccessPolicy.approvers(narrow, PROD)).containsExactly("U0ANA");
  }

  @Test
  void aRunbookNamingAnApproverTheProtectedPartitionLacksWidensIt() {
    Runbook evil = runbook("[U0EVIL1, U0ANA, U0EVIL2]");

    assertThat(AccessPolicy.extraApprovers(evil, PROD)).containsExactly("U0EVIL1", "U0EVIL2");
    assertThat(AccessPolicy.approvers(evil, PROD)).containsExactly("U0ANA");
    assertThat(AccessPolicy.wideningMessage(evil, PROD, List.of("U0EVIL1", "U0EVIL2")))
        .isEqualTo(
            "runbook edge names approvers U0EVIL1, U0EVIL2, not approvers of prod in the config:"
                + " a runbook may only name some of the partition's approvers (U0LEAD, U0SRE,"
                + " U0ANA); add them to prod's approvers, remove them from the runbook, or set"
                + " runbook_approvers: add on prod");
  }

  @Test
  void aRunbooksApprovalsRaiseAPartitionsAndNeverLowerThem() {
    Runbook three = runbook("[]\napprovals: 3");
    Runbook one = runbook("[]\napprovals: 1");
    Runbook unset = runbook("[]");

    assertThat(AccessPolicy.approvals(three, PROD)).isEqualTo(3);
    assertThat(AccessPolicy.approvals(one, PROD)).isEqualTo(2);
    assertThat(AccessPolicy.approvals(unset, PROD)).isEqualTo(2);
    assertThat(AccessPolicy.approvals(three, DEV)).isEqualTo(3);
    assertThat(AccessPolicy.approvals(unset, DEV)).isEqualTo(1);
  }

  @Test
  void aRunbookWithoutApproversGetsThePartitions() {
    assertThat(AccessPolicy.approvers(runbook("[]"), PROD))
        .containsExactly("U0LEAD", "U0SRE", "U0ANA");
  }

  @Test
  void onAnUngovernedPartitionTheRunbooksApproversServe() {
    Runbook own = runbook("[U0ALICE, U0BOB]");

    assertThat(AccessPolicy.extraApprovers(own, DEV)).isEmpty();
    assertThat(AccessPolicy.approvers(own, DEV)).containsExactly("U0ALICE", "U0BOB");
  }

  @Test
  void runbookApproversAddIsTheTeamsExplicitChoiceToWiden() {
    Partition open = PROD.withAccess(List.of(), Partition.RunbookApprovers.ADD);
    Runbook own = runbook("[U0ALICE]");

    assertThat(AccessPolicy.extraApprovers(own, open)).isEmpty();
    assertThat(AccessPolicy.approvers(own, open))
        .containsExactly("U0ALICE", "U0LEAD", "U0SRE", "U0ANA");
  }

  @Test
  void keepersComeFromTheConfigNeverFromRunbooks() {
    assertThat(POLICY.keepers(PROD)).containsExactly("U0LEAD", "U0SRE", "U0ANA");
    // dev names no approvers: the fleet's keepers, the protected partitions' approvers.
    assertThat(POLICY.keepers(DEV)).containsExactly("U0LEAD", "U0SRE", "U0ANA");
    assertThat(POLICY.fleetKeepers()).containsExactly("U0LEAD", "U0SRE", "U0ANA");
  }

  @Test
  void aConfiguredFreezeAllListDecidesTheFleetSwitch() {
    AccessPolicy policy = new AccessPolicy(CHOREOGRAPHY, List.of("U0ONCALL"), Duration.ofDays(3));

    assertThat(policy.fleetKeepers()).containsExactly("U0ONCALL");
    assertThat(policy.isFleetKeeper("U0LEAD", UserGroups.NONE).approver()).isFalse();
    assertThat(policy.isFleetKeeper("U0ONCALL", UserGroups.NONE).approver()).isTrue();
    assertThat(policy.scheduleHorizon()).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void anyoneOperatesAnUnprotectedPartitionWithoutOperators() {
    assertThat(POLICY.operators(runbook("[U0ALICE]"), DEV)).isEmpty();
    assertThat(POLICY.mayOperate(runbook("[U0ALICE]"), DEV, "U0ANYONE", UserGroups.NONE).approver())
        .isTrue();
  }

  @Test
  void onlyApproversOperateAProtectedPartitionWithoutOperators() {
    Runbook own = runbook("[U0ANA]");

    assertThat(POLICY.operators(own, PROD)).contains(Set.of("U0LEAD", "U0SRE", "U0ANA"));
    assertThat(POLICY.mayOperate(own, PROD, "U0ANYONE", UserGroups.NONE).approver()).isFalse();
    assertThat(POLICY.mayOperate(own, PROD, "U0SRE", UserGroups.NONE).approver()).isTrue();
  }

  @Test
  void configuredOperatorsAndApproversOperate() {
    Partition stage =
        Partition.of("stage", Map.of())
            .withAccess(List.of("U0OPS", "@deployers"), Partition.RunbookApprovers.NARROW);
    UserGroups groups =
        group ->
            group.equals("@deployers")
                ? new UserGroups.Members(group, Set.of("U0DEPLOYER"))
                : new UserGroups.Unknown(group, "no group " + group);

    assertThat(POLICY.operators(runbook("[]"), stage))
        .isEqualTo(Optional.of(Set.of("U0OPS", "@deployers")));
    assertThat(POLICY.mayOperate(runbook("[]"), stage, "U0DEPLOYER", groups).approver()).isTrue();
    assertThat(POLICY.mayOperate(runbook("[]"), stage, "U0ANYONE", groups).approver()).isFalse();
  }

  @Test
  void theConfigsOperatorsAndKeepersAreNamedARunbooksApproversAndAnyoneAreNot() {
    Partition stage =
        Partition.of("stage", Map.of())
            .withAccess(List.of("U0OPS", "@deployers"), Partition.RunbookApprovers.NARROW);
    AccessPolicy policy = AccessPolicy.of(new Choreography(List.of(DEV, stage, PROD)));
    UserGroups groups =
        group ->
            group.equals("@deployers")
                ? new UserGroups.Members(group, Set.of("U0DEPLOYER"))
                : new UserGroups.Unknown(group, "no group " + group);

    assertThat(policy.isNamedOperator("stage", "U0OPS", groups).approver()).isTrue();
    assertThat(policy.isNamedOperator("stage", "U0DEPLOYER", groups).approver()).isTrue();
    assertThat(policy.isNamedOperator("prod", "U0SRE", groups).approver()).isTrue();
    assertThat(policy.isNamedOperator("dev", "U0ANYONE", groups).approver()).isFalse();
    assertThat(policy.isNamedOperator("prod", "U0OPS", groups).approver()).isFalse();
    assertThat(policy.isNamedOperator("nowhere", "U0OPS", groups).approver()).isFalse();
  }
}
