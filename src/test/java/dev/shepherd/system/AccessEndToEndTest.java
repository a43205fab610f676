package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static dev.shepherd.testing.ShepherdUnderTest.PROD_LEAD;
import static dev.shepherd.testing.ShepherdUnderTest.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may act, as an attacker would try it: a workspace member typing signed {@code /rollout}
 * commands, or someone who can merge a runbook file. The config decides; a runbook only narrows.
 */
@Timeout(120)
class AccessEndToEndTest {
  static final String EVIL = "U0EVIL1";

  /** dev has operators of its own; prod is protected and kept by its configured approvers. */
  static final String CONFIG =
      """
      runbooks: ./runbooks
      partitions:
        - name: dev
          vars: {region: us-east-2, vault: Arda-DevOAM}
        - name: stage
          operators: [U0OPERATOR]
          vars: {region: us-east-2, vault: Arda-StageOAM}
        - name: prod
          protected: true
          approvers: [U0PRODLEAD, U0ALICE, U0BOB]
          operators: [U0OPERATOR]
          approvals: 2
          vars: {region: us-east-1, vault: Arda-ProdOAM}
      """;

  static String runbook(String frontMatter) {
    return "---\n" + frontMatter + "\n---\n# Other\n\n## Step 1: Go\n```bash\n./go.sh\n```\n";
  }

  @TempDir Path folder;
  ShepherdUnderTest shepherd;

  void start(Map<String, String> runbooks) throws Exception {
    FakeSlack slack = new FakeSlack();
    slack.userGroup("S0LEADS", "platform-leads", java.util.List.of(PROD_LEAD));
    shepherd =
        new ShepherdUnderTest(
            folder,
            slack,
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            CONFIG,
            runbooks,
            Map.of());
  }

  @AfterEach
  void stop() {
    if (shepherd != null) {
      shepherd.close();
    }
  }

  @Test
  void aRunbookFileThatAddsApproversDoesNotStartOnProd() throws Exception {
    start(
        Map.of(
            "oam-secrets.md",
            ShepherdUnderTest.RUNBOOK,
            "evil.md",
            runbook("id: evil\npartitions: [prod]\napprovers: [U0EVIL1, U0EVIL2]")));

    String answer = shepherd.command(PROD_LEAD, "prod evil --override \"urgent\"");

    assertThat(answer)
        .contains("cannot start evil on prod: evil.md:4: runbook evil names approvers")
        .contains("U0EVIL1, U0EVIL2, not approvers of prod in the config");
    assertThat(shepherd.shepherd.rollouts().activeOn("prod")).isEmpty();
  }

  @Test
  void aRunbookNamingOnlyProdCannotSkipDevAndStage() throws Exception {
    start(
        Map.of(
            "oam-secrets.md",
            ShepherdUnderTest.RUNBOOK,
            "hotfix.md",
            runbook("id: hotfix\npartitions: [prod]\napprovers: [U0ALICE, U0BOB]")));

    String answer = shepherd.command(OPERATOR, "prod hotfix");

    assertThat(answer).contains("hotfix has not completed on dev, stage, which come before prod");
    assertThat(shepherd.shepherd.rollouts().activeOn("prod")).isEmpty();
  }

  @Test
  void aRunbookOnlyApproverCannotLiftAFreezeAll() throws Exception {
    start(
        Map.of(
            "oam-secrets.md",
            ShepherdUnderTest.RUNBOOK,
            "tool.md",
            runbook("id: tool\npartitions: [dev]\napprovers: [U0EVIL1]")));
    assertThat(shepherd.command(PROD_LEAD, "freeze all INC-9 payments down")).contains("frozen");

    String answer = shepherd.command(EVIL, "unfreeze all");

    assertThat(answer).contains("only an approver can unfreeze every partition");
    assertThat(shepherd.shepherd.rollouts().fleetFreeze()).isPresent();
  }

  @Test
  void aStrangersFarScheduleAndANonOperatorsStartAreRefused() throws Exception {
    start(Map.of("oam-secrets.md", ShepherdUnderTest.RUNBOOK));

    String far = shepherd.command(STRANGER, "schedule dev oam-secrets 2099-01-01 10:00");
    String stage = shepherd.command(STRANGER, "stage oam-secrets");

    assertThat(far).contains("is more than 14 days ahead");
    assertThat(stage)
        .contains("only the operators and approvers of stage may start a rollout there");
    assertThat(shepherd.shepherd.rollouts().active()).isEmpty();
    // The operator's own start still goes through.
    assertThat(shepherd.command(OPERATOR, "dev oam-secrets")).startsWith("Starting");
  }

  @Test
  void aDuplicateIdRefusesBothRunbooksAndSaysWhereEachIs() throws Exception {
    start(
        Map.of(
            "a-secrets.md",
            runbook("id: oam-secrets\napprovers: [U0ALICE]"),
            "b-secrets.md",
            runbook("id: oam-secrets\napprovers: [U0EVIL1]")));

    String answer = shepherd.command(OPERATOR, "dev oam-secrets");

    assertThat(answer)
        .contains(
            "runbook id \"oam-secrets\" is used by a-secrets.md:2 and b-secrets.md:2: neither"
                + " starts until one of them gets another id");
    assertThat(shepherd.shepherd.rollouts().active()).isEmpty();
  }

  @Test
  void anUnknownGroupInOneRunbookLeavesTheOthersServing() throws Exception {
    start(
        Map.of(
            "oam-secrets.md",
            ShepherdUnderTest.RUNBOOK,
            "grouped.md",
            runbook("id: grouped\npartitions: [dev]\napprovers: [\"@ghosts\"]")));

    String refused = shepherd.command(OPERATOR, "dev grouped");
    String started = shepherd.command(OPERATOR, "dev oam-secrets");

    assertThat(refused).contains("cannot start grouped: ").contains("@ghosts");
    assertThat(started).startsWith("Starting");
  }
}
