package dev.shepherd.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardCodedValuesRuleTest {
  @TempDir Path dir;
  Workspace workspace;

  @BeforeEach
  void setUp() {
    workspace = new Workspace(dir);
  }

  @Test
  void regionOfDevAndStageInACommandIsWrongOnProd() {
    workspace.runbook(
        "deploy.md",
        """
        # Deploy the edge

        ## Deploy
        Deploy to the partition's region.
        ```bash
        aws deploy --region us-east-2 --stack edge
        ```
        """
            + Workspace.ERROR_PATHS);

    Workspace.Run run = workspace.lint();

    assertThat(run.lines())
        .containsExactly(
            "runbooks/deploy.md:6: warning: us-east-2 is the region of dev, stage; on prod this line"
                + " still says us-east-2: write {{region}}",
            "0 errors, 1 warning in 1 runbook for 3 partitions");
    assertThat(run.exit()).isZero();
  }

  @Test
  void strictMakesAHardCodedValueAnError() {
    workspace.runbook(
        "deploy.md",
        """
        # Deploy the edge

        ## Deploy
        ```bash
        aws deploy --region us-east-2 --stack edge
        ```
        """
            + Workspace.ERROR_PATHS);

    Workspace.Run run = workspace.lint("--strict");

    assertThat(run.lines())
        .containsExactly(
            "runbooks/deploy.md:5: error: us-east-2 is the region of dev, stage; on prod this line"
                + " still says us-east-2: write {{region}}",
            "1 error, 0 warnings in 1 runbook for 3 partitions");
    assertThat(run.exit()).isEqualTo(1);
  }

  @Test
  void valuesAreFoundInTheTitleChecklistProseAndTables() {
    workspace.runbook(
        "edge.md",
        """
        ---
        title: Deploy the edge in us-east-2
        approvers: [U024BE7LH]
        checklist:
          - Account 111111111111 has quota
          - On-call knows the window
        ---
        # Deploy

        ## Deploy
        The stack lives in 333333333333 on prod.
        ```bash
        ./deploy.sh --partition {{partition}}
        ```
        ### Rollback
        Nothing to roll back.
        ### Troubleshooting
        | Symptom | Cause | Fix |
        | --- | --- | --- |
        | `AccessDenied` | the role cannot read the vault | grant it read on Arda-StageOAM |
        """);

    assertThat(workspace.lint().lines())
        .containsExactly(
            "runbooks/edge.md:2: warning: us-east-2 is the region of dev, stage; on prod this line"
                + " still says us-east-2: write {{region}}",
            "runbooks/edge.md:5: warning: 111111111111 is the account of dev; on stage, prod this"
                + " line still says 111111111111: write {{account}}",
            "runbooks/edge.md:11: warning: 333333333333 is the account of prod; on dev, stage this"
                + " line still says 333333333333: write {{account}}",
            "runbooks/edge.md:20: warning: Arda-StageOAM is the vault of stage; on dev, prod this"
                + " line still says Arda-StageOAM: write {{vault}}",
            "0 errors, 4 warnings in 1 runbook for 3 partitions");
  }

  @Test
  void nearMissesStayQuiet() {
    workspace.runbook(
        "quiet.md",
        """
        ---
        title: Quiet
        tags: [us-east-2]
        partitions: [dev, stage, prod]
        ---
        # Quiet

        ## Deploy
        Not a region: us-east-22, x-us-east-2 nor us-east-2.internal; c01 is too short to tell.
        Every partition's team is payments; write {{region}} and {{vault}} for the others.
        ```bash
        aws s3 ls --region us-east-2 # <!-- shepherd: allow us-east-2 -->
        # <!-- shepherd: allow Arda-DevOAM, 111111111111 -->
        aws sts assume-role --role-arn arn:aws:iam::111111111111:role/ops # Arda-DevOAM
        ```
        """
            + Workspace.ERROR_PATHS);

    assertThat(workspace.lint().lines())
        .containsExactly("0 errors, 0 warnings in 1 runbook for 3 partitions");
  }

  @Test
  void anAllowCommentCoversItsOwnLineAndTheNextOnly() {
    workspace.runbook(
        "deploy.md",
        """
        # Deploy

        ## Deploy
        <!-- shepherd: allow us-east-2 -->
        Deploy in us-east-2 first,

        then us-east-2 again.
        """);

    assertThat(workspace.lint().lines())
        .containsExactly(
            "runbooks/deploy.md:7: warning: us-east-2 is the region of dev, stage; on prod this line"
                + " still says us-east-2: write {{region}}",
            "0 errors, 1 warning in 1 runbook for 3 partitions");
  }

  @Test
  void partitionOptionReportsOnlyWhatIsWrongOnThatPartition() {
    workspace.runbook(
        "deploy.md",
        """
        # Deploy

        ## Deploy
        ```bash
        aws deploy --account 111111111111
        aws deploy --region us-east-1
        ```
        """
            + Workspace.ERROR_PATHS);

    assertThat(workspace.lint("--partition", "prod").lines())
        .containsExactly(
            "runbooks/deploy.md:5: warning: 111111111111 is the account of dev; on prod this line"
                + " still says 111111111111: write {{account}}",
            "0 errors, 1 warning in 1 runbook for 1 partition");
    assertThat(workspace.lint("--partition", "dev").lines())
        .containsExactly(
            "runbooks/deploy.md:6: warning: us-east-1 is the region of prod; on dev this line still"
                + " says us-east-1: write {{region}}",
            "0 errors, 1 warning in 1 runbook for 1 partition");
  }

  @Test
  void onlyThePartitionsARunbookAppliesToCount() {
    workspace.runbook(
        "pre-prod.md",
        """
        ---
        partitions: [dev, stage]
        ---
        # Pre-prod only

        ## Deploy
        Deploy in us-east-2 with account 111111111111.
        """);

    assertThat(workspace.lint().lines())
        .containsExactly(
            "runbooks/pre-prod.md:7: warning: 111111111111 is the account of dev; on stage this line"
                + " still says 111111111111: write {{account}}",
            "0 errors, 1 warning in 1 runbook for 3 partitions");
  }
}
