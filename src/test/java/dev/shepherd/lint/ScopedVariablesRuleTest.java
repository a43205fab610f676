package dev.shepherd.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopedVariablesRuleTest {
  @TempDir Path dir;
  Workspace workspace;

  @BeforeEach
  void setUp() {
    workspace = new Workspace(dir);
    workspace.config(
        """
        runbooks: ./runbooks
        scoped: [vault, account]
        partitions:
          - name: dev
            vars: {region: us-east-2, account: "111111111111", vault: Arda-DevOAM}
          - name: stage
            vars: {region: us-east-2, account: "222222222222", vault: Arda-DevOAM}
          - name: prod
            vars:
              region: us-east-1
              account: "111111111111"
              vault: Arda-ProdOAM
        """);
    workspace.runbook(
        "look.md",
        """
        # Look around

        ## Look
        Look at the dashboards of {{partition}}.
        """);
  }

  @Test
  void partitionsSharingAScopedValueAreConfigErrorsNamingBothAndTheLine() {
    Workspace.Run run = workspace.lint();

    assertThat(run.lines())
        .containsExactly(
            "shepherd.yaml:7: error: stage has the same vault as dev (Arda-DevOAM, line 5), but vault"
                + " is scoped: each partition needs its own; give stage its own vault",
            "shepherd.yaml:11: error: prod has the same account as dev (111111111111, line 5), but"
                + " account is scoped: each partition needs its own; give prod its own account",
            "2 errors, 0 warnings in 1 runbook for 3 partitions");
    assertThat(run.exit()).isEqualTo(1);
  }

  @Test
  void partitionOptionReportsOnlyTheSharingThatPartitionIsPartOf() {
    assertThat(workspace.lint("--partition", "stage").lines())
        .containsExactly(
            "shepherd.yaml:7: error: stage has the same vault as dev (Arda-DevOAM, line 5), but vault"
                + " is scoped: each partition needs its own; give stage its own vault",
            "1 error, 0 warnings in 1 runbook for 1 partition");
    assertThat(workspace.lint("--partition", "dev").lines()).hasSize(3);
  }

  @Test
  void sharedValuesOfVariablesThatAreNotScopedAreFine() {
    workspace.config(Workspace.CONFIG.replace("scoped: [vault, account]", "scoped: [vault]"));

    Workspace.Run run = workspace.lint();

    assertThat(run.lines()).containsExactly("0 errors, 0 warnings in 1 runbook for 3 partitions");
    assertThat(run.exit()).isZero();
  }

  @Test
  void aScopedNameNoPartitionDefinesIsAConfigError() {
    workspace.config(
        Workspace.CONFIG.replace("scoped: [vault, account]", "scoped: [vault, valut]"));

    Workspace.Run run = workspace.lint();

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "shepherd lint: shepherd.yaml:2: scoped variable \"valut\" is"
                + " in no partition's vars (they have account, cell, region, team, vault): fix the name or"
                + " add it to the vars of every partition\n");
  }
}
