package dev.shepherd.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.cli.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every lint finding, each on a small runbook in a temporary folder with its own config, through
 * {@code shepherd lint} as a user runs it: the whole printed output and the exit code.
 */
class LintFindingsTest {
  /** dev and prod with a region each: lines 3 and 5 declare the partitions. */
  private static final String PARTITIONS =
      """
      partitions:
        - name: dev
          vars: {region: us-east-2}
        - name: prod
          vars: {region: us-east-1}
      """;

  /** dev, and a protected prod with two approvers needing two approvals a step. */
  private static final String PROTECTED_PROD_OF_TWO =
      """
      partitions:
        - name: dev
          vars: {region: us-east-2}
        - name: prod
          protected: true
          approvers: [U0PROD1, U0PROD2]
          approvals: 2
          vars: {region: us-east-1}
      """;

  /** A step with everything lint asks for; its heading is the snippet's first line. */
  private static final String COMPLETE_STEP =
      """
      ## Step 1: Deploy
      ```bash
      ./deploy.sh --region {{region}}
      ```
      ### Troubleshooting
      | Symptom | Cause | Fix |
      | --- | --- | --- |
      | `AccessDenied` | the role lacks deploy rights | grant them, rerun |
      ### Rollback
      ./deploy.sh --undo
      """;

  @TempDir Path dir;
  private Path runbooks;
  private Path config;

  @BeforeEach
  void createFolders() throws IOException {
    runbooks = Files.createDirectories(dir.resolve("runbooks"));
    config = dir.resolve("shepherd.yaml");
    config(PARTITIONS);
  }

  private void config(String partitions) throws IOException {
    Files.writeString(config, "runbooks: " + runbooks + "\n" + partitions, StandardCharsets.UTF_8);
  }

  private void runbook(String name, String content) throws IOException {
    Path file = runbooks.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /** A runbook file's path as lint prints it. */
  private String at(String name) {
    return runbooks + "/" + name;
  }

  private Cli.Result lint(String... options) {
    List<String> args = new ArrayList<>(List.of("lint", "--config", config.toString()));
    args.addAll(List.of(options));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void cleanRunbookHasNoFindingsAndExitsZero() throws IOException {
    runbook("deploy.md", "# Deploy\n\n" + COMPLETE_STEP);

    Cli.Result result = lint("--strict");

    assertThat(result.outLines())
        .containsExactly("0 errors, 0 warnings in 1 runbook for 2 partitions");
    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void undefinedVariableNamesThePartitionThatLacksIt() throws IOException {
    runbook(
        "deploy.md",
        "# Deploy\n\n" + COMPLETE_STEP.replace("--undo", "--undo --account {{account}}"));
    config(
        """
        partitions:
          - name: dev
            vars: {region: us-east-2, account: "111"}
          - name: stage
            vars: {region: us-east-2, account: "222"}
          - name: prod
            vars: {region: us-east-1}
        """);

    Cli.Result result = lint();

    assertThat(result.outLines())
        .containsExactly(
            at("deploy.md")
                + ":12: error: {{account}} is not defined for prod (defined for dev, stage):"
                + " add account to the vars of prod in "
                + config,
            "1 error, 0 warnings in 1 runbook for 3 partitions");
    assertThat(result.exitCode()).isEqualTo(1);
  }

  @Test
  void variableNoPartitionDefinesNamesThemAll() throws IOException {
    runbook("deploy.md", "# Deploy {{service}}\n\n" + COMPLETE_STEP);

    Cli.Result result = lint();

    assertThat(result.outLines())
        .containsExactly(
            at("deploy.md")
                + ":1: error: {{service}} is not defined for dev, prod:"
                + " add service to the vars of dev, prod in "
                + config,
            "1 error, 0 warnings in 1 runbook for 2 partitions");
  }

  @Test
  void stepWithCommandsButNoRollbackIsAWarningAndAnErrorWhenStrict() throws IOException {
    runbook(
        "deploy.md",
        "# Deploy\n\n" + COMPLETE_STEP.substring(0, COMPLETE_STEP.indexOf("### Rollback")));
    String finding =
        at("deploy.md")
            + ":3: %s: step \"Deploy\" runs commands but has no Rollback"
            + " section: add ### Rollback (or \"Nothing to roll back\" when it changes nothing)";

    Cli.Result result = lint();
    Cli.Result strict = lint("--strict");

    assertThat(result.outLines())
        .containsExactly(
            finding.formatted("warning"), "0 errors, 1 warning in 1 runbook for 2 partitions");
    assertThat(result.exitCode()).isZero();
    assertThat(strict.outLines())
        .containsExactly(
            finding.formatted("error"), "1 error, 0 warnings in 1 runbook for 2 partitions");
    assertThat(strict.exitCode()).isEqualTo(1);
  }

  @Test
  void stepWithCommandsButNoTroubleshootingRowsIsAWarningAndAnErrorWhenStrict() throws IOException {
    runbook(
        "deploy.md",
        """
        # Deploy

        ## Step 1: Deploy
        ```bash
        ./deploy.sh
        ```
        **If it fails:** ask in #deploys.

        **Rollback:** `./deploy.sh --undo`
        """);
    String finding =
        at("deploy.md")
            + ":3: %s: step \"Deploy\" has no Troubleshooting rows:"
            + " add ### Troubleshooting with a | Symptom | Cause | Fix | table";

    Cli.Result result = lint();
    Cli.Result strict = lint("--strict");

    assertThat(result.outLines())
        .containsExactly(
            finding.formatted("warning"), "0 errors, 1 warning in 1 runbook for 2 partitions");
    assertThat(result.exitCode()).isZero();
    assertThat(strict.outLines())
        .containsExactly(
            finding.formatted("error"), "1 error, 0 warnings in 1 runbook for 2 partitions");
    assertThat(strict.exitCode()).isEqualTo(1);
  }

  @Test
  void stepsWithoutCommandsOrWithRunbookWideSectionsNeedNoOwnErrorPaths() throws IOException {
    runbook(
        "deploy.md",
        """
        # Deploy

        ## Announce the rollout
        Post in #deploys.

        ## Deploy
        ```bash
        ./deploy.sh
        ```

        ## Rollback
        `./deploy.sh --undo`

        ## Common issues
        | Symptom | Cause | Fix |
        | --- | --- | --- |
        | `AccessDenied` | the role lacks deploy rights | grant them, rerun |
        """);

    Cli.Result result = lint("--strict");

    assertThat(result.outLines())
        .containsExactly("0 errors, 0 warnings in 1 runbook for 2 partitions");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void duplicateRunbookIdsPointAtBothFiles() throws IOException {
    runbook("a.md", "---\ntitle: A\nid: deploy\n---\n" + COMPLETE_STEP);
    runbook("b.md", "---\nid: deploy\n---\n" + COMPLETE_STEP);
    runbook("team/deploy.md", "# From the file name\n\n" + COMPLETE_STEP);

    Cli.Result result = lint();

    assertThat(result.outLines())
        .containsExactly(
            at("b.md")
                + ":2: error: runbook id \"deploy\" is already used by "
                + at("a.md")
                + ":3: neither starts until one of them gets another id: in its front matter",
            at("team/deploy.md")
                + ":1: error: runbook id \"deploy\" is already used by "
                + at("a.md")
                + ":3: neither starts until one of them gets another id: in its front matter",
            "2 errors, 0 warnings in 3 runbooks for 2 partitions");
    assertThat(result.exitCode()).isEqualTo(1);
  }

  @Test
  void duplicateStepTitlesPointAtTheSecondAndNameTheFirst() throws IOException {
    runbook("deploy.md", "# Deploy\n\n" + COMPLETE_STEP + "\n## Step 2: deploy\nAgain.\n");

    Cli.Result result = lint();

    assertThat(result.outLines())
        .containsExactly(
            at("deploy.md")
                + ":14: error: step title \"deploy\" is used by step 1 (line 3) too:"
                + " give each step its own title",
            "1 error, 0 warnings in 1 runbook for 2 partitions");
  }

  @Test
  void runbookWithoutStepsIsAnError() throws IOException {
    runbook("notes.md", "# Notes\n\nJust prose, no steps.\n\n# Another title\n");

    Cli.Result result = lint();

    assertThat(result.outLines())
        .containsExactly(
            at("notes.md")
                + ":1: error: no steps: write each step as a ## heading, a numbered"
                + " heading (### 1. …), or an item of a numbered list under ## Steps; found 1 heading not"
                + " read as steps (titles, explanations, runbook-wide sections), the first"
                + " \"# Another title\" on line 5 (not a runbook? leave it out with exclude: in the"
                + " config)",
            "1 error, 0 warnings in 1 runbook for 2 partitions");
    assertThat(result.exitCode()).isEqualTo(1);
  }

  @Test
  void yamlSyntaxErrorInFrontMatterIsReportedOnItsLine() throws IOException {
    runbook("indent.md", "---\nid: indent\ntitle: Deploy: the: service\n---\n" + COMPLETE_STEP);
    runbook(
        "bracket.md", "---\nid: bracket\napprovers: [U024BE7LH, U0G9QF9C6\n---\n" + COMPLETE_STEP);
    runbook("quote.md", "---\nid: quote\ntitle: \"Deploy\n---\n" + COMPLETE_STEP);

    Cli.Result result = lint();

    assertThat(result.outLines())
        .containsExactly(
            at("bracket.md")
                + ":3: error: malformed front matter: expected ',' or ']', but got <stream end>",
            at("indent.md")
                + ":3: error: malformed front matter: mapping values are not allowed here",
            at("quote.md") + ":3: error: malformed front matter: found unexpected end of stream",
            "3 errors, 0 warnings in 3 runbooks for 2 partitions");
    assertThat(result.exitCode()).isEqualTo(1);
  }

  @Test
  void frontMatterThatIsNotAMappingIsReportedOnItsLine() throws IOException {
    runbook("list.md", "---\n\n- id: list\n- title: List\n---\n" + COMPLETE_STEP);

    Cli.Result result = lint();

    assertThat(result.outLines())
        .containsExactly(
            at("list.md")
                + ":3: error: malformed front matter: expected key: value lines, found <a list>",
            "1 error, 0 warnings in 1 runbook for 2 partitions");
  }

  @Test
  void unclosedFrontMatterIsReportedOnLineOne() throws IOException {
    runbook("open.md", "---\nid: open\n\n" + COMPLETE_STEP);

    Cli.Result result = lint();

    assertThat(result.outLines())
        .containsExactly(
            at("open.md")
                + ":1: error: front matter opened with --- on line 1 is never closed:"
                + " add a --- line after it",
            "1 error, 0 warnings in 1 runbook for 2 partitions");
  }

  @Test
  void unknownFrontMatterKeyAndNonTextItemsAreReportedOnTheirLines() throws IOException {
    runbook(
        "keys.md",
        "---\nid: keys\napprover: [U024BE7LH]\npartitions:\n  - dev\n  - {name: prod}\n---\n"
            + COMPLETE_STEP);

    Cli.Result result = lint();

    assertThat(result.outLines())
        .containsExactly(
            at("keys.md")
                + ":3: error: unknown front matter key \"approver\": did you mean approvers?"
                + " Shepherd reads id, title, approvers, approvals, partitions, checklist and"
                + " reminders",
            at("keys.md")
                + ":6: error: malformed front matter: each item of partitions must be text,"
                + " found <a mapping>",
            "2 errors, 0 warnings in 1 runbook for 2 partitions");
  }

  @Test
  void troubleshootingTableWithoutAFixColumnIsAnErrorOnTheTable() throws IOException {
    runbook(
        "deploy.md",
        COMPLETE_STEP
            .replace("| Symptom | Cause | Fix |", "| Problem | Cause |")
            .replace("| --- | --- | --- |", "| --- | --- |")
            .replace(" | the role lacks deploy rights |", " |"));

    Cli.Result result = lint();

    assertThat(result.outLines())
        .containsExactly(
            at("deploy.md")
                + ":1: warning: step \"Deploy\" has no Troubleshooting rows:"
                + " add ### Troubleshooting with a | Symptom | Cause | Fix | table",
            at("deploy.md")
                + ":6: error: troubleshooting table needs a Fix column (Fix, Resolution,"
                + " Solution, Mitigation or Workaround), found: problem, cause; add it, or Shepherd"
                + " shows the table as prose",
            "1 error, 1 warning in 1 runbook for 2 partitions");
    assertThat(result.exitCode()).isEqualTo(1);
  }

  @Test
  void twoColumnProblemSolutionTableIsReadAsRows() throws IOException {
    runbook(
        "deploy.md",
        COMPLETE_STEP
            .replace("| Symptom | Cause | Fix |", "| Problem | Solution |")
            .replace("| --- | --- | --- |", "| --- | --- |")
            .replace(" | the role lacks deploy rights |", " |"));

    Cli.Result result = lint();
    Cli.Result strict = lint("--strict");

    String missing =
        ": step \"Deploy\": troubleshooting rows name no cause, from \"`AccessDenied`\" on: add a"
            + " Cause column (or **Cause:**) saying why it happens";
    assertThat(result.outLines())
        .containsExactly(
            at("deploy.md") + ":8: warning" + missing,
            "0 errors, 1 warning in 1 runbook for 2 partitions");
    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(strict.outLines())
        .containsExactly(
            at("deploy.md") + ":8: error" + missing,
            "1 error, 0 warnings in 1 runbook for 2 partitions");
    assertThat(strict.exitCode()).isEqualTo(1);
  }

  @Test
  void aColumnThatMergesCauseAndResolutionCountsAsTheCause() throws IOException {
    runbook(
        "deploy.md",
        COMPLETE_STEP
            .replace("| Symptom | Cause | Fix |", "| Symptom | Cause and resolution |")
            .replace("| --- | --- | --- |", "| --- | --- |")
            .replace(" | the role lacks deploy rights |", " |"));

    Cli.Result result = lint("--strict");

    assertThat(result.outLines())
        .containsExactly("0 errors, 0 warnings in 1 runbook for 2 partitions");
  }

  @Test
  void documentsThatAreNotRunbooksAreLeftOutOfLint() throws IOException {
    runbook("deploy.md", COMPLETE_STEP);
    runbook(
        "CHANGELOG.md",
        "# Changelog\n\n## 2.1.0 / 2026-01-02\n\n- Faster deploys\n\n## 2.0.0 / 2025-11-30\n\n"
            + "- New config format: run `tool migrate`\n");

    Cli.Result result = lint("--strict");

    assertThat(result.outLines())
        .containsExactly("0 errors, 0 warnings in 1 runbook for 2 partitions");
  }

  @Test
  void approverThatIsNotASlackUserIdIsAnErrorInRunbookAndConfig() throws IOException {
    runbook(
        "deploy.md",
        "---\nid: deploy\napprovers: [U024BE7LH, \"Alice Smith\", bob, \"@platform-leads\", S0614TZR7]\n---\n"
            + COMPLETE_STEP);
    config(
        """
        partitions:
          - name: dev
            vars: {region: us-east-2}
          - name: prod
            approvers: [W0G9QF9C6, carol@example.com]
            runbook_approvers: add      # only the ids are under test here
            vars: {region: us-east-1}
        """);
    String advice =
        " is not a Slack user ID (like U024BE7LH) or user group (@platform-leads or"
            + " S0614TZR7): in Slack open the profile, ⋮ → Copy member ID";

    Cli.Result result = lint();

    assertThat(result.outLines())
        .containsExactly(
            at("deploy.md") + ":3: error: approver \"Alice Smith\"" + advice,
            at("deploy.md") + ":3: error: approver \"bob\"" + advice,
            config + ":5: error: partition prod: approver \"carol@example.com\"" + advice,
            "3 errors, 0 warnings in 1 runbook for 2 partitions");
    assertThat(result.exitCode()).isEqualTo(1);
  }

  @Test
  void partitionTheConfigLacksIsAnErrorOnThePartitionsLine() throws IOException {
    runbook("deploy.md", "---\nid: deploy\n\npartitions: [dev, qa]\n---\n" + COMPLETE_STEP);

    Cli.Result result = lint();

    assertThat(result.outLines())
        .containsExactly(
            at("deploy.md")
                + ":4: error: partition \"qa\" is not in "
                + config
                + " (it has dev, prod): fix the name or add the partition",
            "1 error, 0 warnings in 1 runbook for 2 partitions");
  }

  @Test
  void stepNeedingMoreApprovalsThanNamedApproversIsAnErrorPerStep() throws IOException {
    runbook(
        "deploy.md",
        "---\nid: deploy\napprovers: [U0RUNBOOK, U0PROD1]\n---\n"
            + COMPLETE_STEP
            + "\n## Step 2: Announce\nPost in #deploys.\n");
    config(
        """
        partitions:
          - name: dev
            vars: {region: us-east-2}
          - name: prod
            protected: true
            approvers: [U0PROD1, U0PROD2]
            runbook_approvers: add
            approvals: 4
            vars: {region: us-east-1}
        """);
    String finding =
        ": error: step \"%s\" needs approval but prod names only 3 of the 4 approvers"
            + " it requires: add approvers to the runbook's front matter or to prod in "
            + config;

    Cli.Result result = lint();

    assertThat(result.outLines())
        .containsExactly(
            at("deploy.md") + ":5" + finding.formatted("Deploy"),
            at("deploy.md") + ":16" + finding.formatted("Announce"),
            "2 errors, 0 warnings in 1 runbook for 2 partitions");
    assertThat(result.exitCode()).isEqualTo(1);
  }

  @Test
  void aRunbookAskingForMoreApprovalsThanItsApproversCanGiveIsAnError() throws IOException {
    runbook("deploy.md", "---\nid: deploy\napprovals: 3\n---\n" + COMPLETE_STEP);
    config(PROTECTED_PROD_OF_TWO);

    Cli.Result result = lint();

    assertThat(result.outLines())
        .containsExactly(
            at("deploy.md")
                + ":5: error: step \"Deploy\" needs approval but prod names only 2 of the 3"
                + " approvers the runbook's approvals require: add approvers to prod in "
                + config
                + ", or ask for fewer in the runbook's approvals",
            "1 error, 0 warnings in 1 runbook for 2 partitions");
  }

  @Test
  void aRunbookAskingForFewerApprovalsThanItsPartitionIsAWarning() throws IOException {
    runbook("deploy.md", "---\nid: deploy\n\napprovals: 1\n---\n" + COMPLETE_STEP);
    config(PROTECTED_PROD_OF_TWO);

    Cli.Result result = lint();

    assertThat(result.outLines())
        .containsExactly(
            at("deploy.md")
                + ":4: warning: runbook deploy asks for 1 approval a step, fewer than the 2 prod"
                + " requires in "
                + config
                + ": a runbook may only ask for more, so prod's 2 hold there",
            "0 errors, 1 warning in 1 runbook for 2 partitions");
  }

  @Test
  void approvalsThatAreNotAWholeNumberAreAnErrorOnTheirLine() throws IOException {
    runbook("words.md", "---\nid: words\napprovals: two\n---\n" + COMPLETE_STEP);
    runbook("zero.md", "---\nid: zero\napprovals: 0\n---\n" + COMPLETE_STEP);
    runbook("list.md", "---\nid: list\napprovals: [2]\n---\n" + COMPLETE_STEP);

    Cli.Result result = lint();

    String finding =
        ":3: error: malformed front matter: approvals must be a whole number from 1 to 10 (the"
            + " distinct approvals each approved step needs), found ";
    assertThat(result.outLines())
        .containsExactly(
            at("list.md") + finding + "<a list>",
            at("words.md") + finding + "\"two\"",
            at("zero.md") + finding + "\"0\"",
            "3 errors, 0 warnings in 3 runbooks for 2 partitions");
  }

  @Test
  void approvalQuorumOnAnUnprotectedPartitionOnlyConcernsStepsThatNeedApproval()
      throws IOException {
    runbook(
        "deploy.md",
        "# Deploy\n\n"
            + COMPLETE_STEP.replace("```bash", "Approval: required\n```bash")
            + "\n## Step 2: Announce\nPost in #deploys.\n");
    config(
        """
        partitions:
          - name: dev
            vars: {region: us-east-2}
          - name: prod
            approvers: [U0PROD1]
            approvals: 2
            vars: {region: us-east-1}
        """);

    Cli.Result result = lint();

    assertThat(result.outLines())
        .containsExactly(
            at("deploy.md")
                + ":3: error: step \"Deploy\" needs approval but dev names only 0 of the 1"
                + " approvers it requires: add approvers to the runbook's front matter or to dev in "
                + config,
            at("deploy.md")
                + ":3: error: step \"Deploy\" needs approval but prod names only 1 of the 2"
                + " approvers it requires: add approvers to prod in "
                + config,
            "2 errors, 0 warnings in 1 runbook for 2 partitions");
  }

  @Test
  void aRunbookNamingApproversAProtectedPartitionLacksIsAnErrorNamingThem() throws IOException {
    runbook(
        "deploy.md",
        "---\nid: deploy\napprovers: [U0PROD1, U0EVIL1, U0EVIL2]\n---\n" + COMPLETE_STEP);
    config(
        """
        partitions:
          - name: dev
            vars: {region: us-east-2}
          - name: prod
            protected: true
            approvers: [U0PROD1, U0PROD2]
            vars: {region: us-east-1}
        """);

    Cli.Result result = lint();

    assertThat(result.outLines())
        .containsExactly(
            at("deploy.md")
                + ":3: error: runbook deploy names approvers U0EVIL1, U0EVIL2, not approvers of"
                + " prod in the config: a runbook may only name some of the partition's approvers"
                + " (U0PROD1, U0PROD2); add them to prod's approvers, remove them from the runbook,"
                + " or set runbook_approvers: add on prod in "
                + config,
            "1 error, 0 warnings in 1 runbook for 2 partitions");
    assertThat(result.exitCode()).isEqualTo(1);
  }

  @Test
  void runbookApproversAddLetsARunbookNameItsOwnApprovers() throws IOException {
    runbook("deploy.md", "---\nid: deploy\napprovers: [U0PROD1, U0EVIL1]\n---\n" + COMPLETE_STEP);
    config(
        """
        partitions:
          - name: prod
            protected: true
            approvers: [U0PROD1, U0PROD2]
            runbook_approvers: add
            vars: {region: us-east-1}
        """);

    assertThat(lint().outLines())
        .containsExactly("0 errors, 0 warnings in 1 runbook for 1 partition");
  }

  @Test
  void fileThatIsNotUtf8IsOneFindingAndTheOtherRunbooksAreStillChecked() throws IOException {
    Files.write(
        runbooks.resolve("latin1.md"),
        "# Caf\u00e9\n\n## Step 1: Go\n".getBytes(StandardCharsets.ISO_8859_1));
    runbook("notes.md", "# Notes\n");
    runbook("deploy.md", "# Deploy\n\n" + COMPLETE_STEP);

    Cli.Result result = lint();

    assertThat(result.outLines())
        .containsExactly(
            at("latin1.md") + ":1: error: not UTF-8 text: save it as UTF-8",
            at("notes.md")
                + ":1: error: no steps: write each step as a ## heading, a numbered"
                + " heading (### 1. …), or an item of a numbered list under ## Steps; found nothing but"
                + " blank lines (not a runbook? leave it out with exclude: in the config)",
            "2 errors, 0 warnings in 3 runbooks for 2 partitions");
    assertThat(result.exitCode()).isEqualTo(1);
  }
}
