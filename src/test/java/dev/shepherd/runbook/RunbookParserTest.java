package dev.shepherd.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.partition.Partition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Awkward Markdown: what the parser keeps, and the file lines it reports for each part. */
class RunbookParserTest {
  private final RunbookParser parser = new RunbookParser();

  private Runbook parse(String path, String content) {
    return parser.parse(path, content, Revision.content("test"));
  }

  private static final String DEPLOY =
      """
      ---
      id: deploy
      title: Deploy
      checklist:
        - Ticket approved
      ---
      # Deploy

      ## Step 1: Build
      > **Warning:** builds take ten minutes.

      ```bash
      make build REGION={{region}}
      make push
      ```
      ### Verify
      The image is in the registry.
      ### Troubleshooting
      | Symptom | Cause | Fix |
      | --- | --- | --- |
      | `no space left` | full disk | `docker system prune` |
      ### Rollback
      Nothing to roll back.
      """;

  @Test
  void crlfLineEndingsGiveTheSameModelAsLf() {
    Runbook lf = parse("deploy.md", DEPLOY);
    Runbook crlf = parse("deploy.md", DEPLOY.replace("\n", "\r\n"));

    // The source keeps the file's own line endings; everything parsed from it is the same.
    assertThat(crlf).usingRecursiveComparison().ignoringFields("source").isEqualTo(lf);
    assertThat(crlf.source()).isEqualTo(lf.source().replace("\n", "\r\n"));
    Step step = crlf.steps().get(0);
    assertThat(step.title()).isEqualTo("Build");
    assertThat(step.line()).isEqualTo(9);
    assertThat(step.commands())
        .containsExactly(new Command("bash", "make build REGION={{region}}\nmake push\n", 13));
    assertThat(step.warnings()).containsExactly(new Warning("builds take ten minutes.", 10));
    assertThat(step.verify().orElseThrow().markdown()).isEqualTo("The image is in the registry.");
    assertThat(step.troubleshooting())
        .containsExactly(
            new TroubleshootingRow("`no space left`", "full disk", "`docker system prune`", 21));
    assertThat(crlf.checklist()).containsExactly(new ChecklistItem("Ticket approved", 5));
    assertThat(crlf.problems()).isEmpty();
  }

  @Test
  void crlfWithoutFrontMatterKeepsLinesAndLeavesNoCarriageReturns() {
    String markdown =
        """
        # Restart

        ## Prerequisites
        - [ ] Pager is on

        ## Restart the service
        ```sh
        systemctl restart app
        systemctl status app
        ```
        **Symptoms:** `failed`
        **Cause:** bad config
        **Fix:** revert it
        """
            .replace("\n", "\r\n");

    Runbook runbook = parse("restart.md", markdown);

    assertThat(runbook.title()).isEqualTo("Restart");
    assertThat(runbook.checklist()).containsExactly(new ChecklistItem("Pager is on", 4));
    Step step = runbook.steps().get(0);
    assertThat(step.line()).isEqualTo(6);
    assertThat(step.commands())
        .containsExactly(new Command("sh", "systemctl restart app\nsystemctl status app\n", 8));
    assertThat(step.troubleshooting())
        .containsExactly(new TroubleshootingRow("`failed`", "bad config", "revert it", 11));
    assertThat(step.instructions().markdown()).doesNotContain("\r");
  }

  @Test
  void utf8ByteOrderMarkBeforeFrontMatterIsIgnored() {
    Runbook runbook = parse("deploy.md", "\uFEFF" + DEPLOY);

    assertThat(runbook).isEqualTo(parse("deploy.md", DEPLOY));
    assertThat(runbook.id()).isEqualTo("deploy");
    assertThat(runbook.lineOf("id")).isEqualTo(2);
    assertThat(runbook.problems()).isEmpty();
  }

  @Test
  void utf8ByteOrderMarkBeforeTheTitleHeadingIsIgnored() {
    Runbook runbook = parse("ops/bom.md", "\uFEFF# Café rollout\r\n\r\n## Go\r\nDo it.\r\n");

    assertThat(runbook.id()).isEqualTo("bom");
    assertThat(runbook.title()).isEqualTo("Café rollout");
    assertThat(runbook.steps())
        .extracting(Step::title, Step::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Go", 3));
  }

  @Test
  void tabsInHeadingsListsCodeAndTables() {
    String markdown =
        "# Tabs\n"
            + "\n"
            + "##\tStep 1:\tFlush the cache\n"
            + "Flush it:\n"
            + "\n"
            + "\tredis-cli FLUSHALL\n"
            + "\tredis-cli INFO\n"
            + "\n"
            + "-\tthen check the hit rate\n"
            + "-\tand the memory\n"
            + "\n"
            + "### Troubleshooting\n"
            + "| Symptom\t| Cause\t| Fix |\n"
            + "| --- | --- | --- |\n"
            + "| `LOADING`\t| still loading\t| wait |\n";

    Step step = parse("tabs.md", markdown).steps().get(0);

    assertThat(step.title()).isEqualTo("Flush the cache");
    assertThat(step.line()).isEqualTo(3);
    assertThat(step.instructions().markdown())
        .isEqualTo(
            "Flush it:\n\n\tredis-cli FLUSHALL\n"
                + "\tredis-cli INFO\n\n-\tthen check the hit rate\n-\tand the memory");
    assertThat(step.commands())
        .containsExactly(new Command("", "redis-cli FLUSHALL\nredis-cli INFO\n", 6));
    assertThat(step.troubleshooting())
        .containsExactly(new TroubleshootingRow("`LOADING`", "still loading", "wait", 15));
  }

  @Test
  void nestedListsInsideAStepAreKeptAndTheirCodeFencesAreCommands() {
    String markdown =
        """
        # Nested

        ## Step 1: Rotate the keys
        1. Generate a key:
           - on a machine with the HSM
           - as the `ops` user
           ```bash
           ./keys.sh generate --partition {{partition}}
           ```
        2. Upload it:
           ```bash
           ./keys.sh upload
           ```
        3. Done.
        """;

    Step step = parse("nested.md", markdown).steps().get(0);

    assertThat(step.instructions().markdown())
        .isEqualTo(markdown.substring(markdown.indexOf("1. Generate"), markdown.length() - 1));
    assertThat(step.instructions().line()).isEqualTo(4);
    assertThat(step.commands())
        .containsExactly(
            new Command("bash", "./keys.sh generate --partition {{partition}}\n", 8),
            new Command("bash", "./keys.sh upload\n", 12));
  }

  @Test
  void tildeFencesAndBackticksInsideFencesAreOneCommandEach() {
    String markdown =
        """
        # Fences

        ## Step 1: Write the config
        ~~~sh
        echo "use ```code``` here" > notes.md
        ~~~
        ````markdown
        ```yaml
        key: value
        ```
        ````
        ~~~~
        ~~~ still inside
        ~~~~
        """;

    Step step = parse("fences.md", markdown).steps().get(0);

    assertThat(step.commands())
        .containsExactly(
            new Command("sh", "echo \"use ```code``` here\" > notes.md\n", 5),
            new Command("markdown", "```yaml\nkey: value\n```\n", 8),
            new Command("", "~~~ still inside\n", 13));
  }

  @Test
  void pipeInsideACodeSpanOfATroubleshootingCellStaysInTheCell() {
    String markdown =
        """
        # Pipes

        ## Step 1: Grep the logs
        ```sh
        journalctl -u app | grep ERROR
        ```
        ### Troubleshooting
        | Symptom | Cause | Fix |
        | --- | --- | --- |
        | `a \\| b` in the output | a shell pipe was quoted | run `grep x \\| sort` unquoted |
        | plain | row | two |
        """;

    Step step = parse("pipes.md", markdown).steps().get(0);

    assertThat(step.troubleshooting())
        .containsExactly(
            new TroubleshootingRow(
                "`a | b` in the output",
                "a shell pipe was quoted",
                "run `grep x | sort` unquoted",
                10),
            new TroubleshootingRow("plain", "row", "two", 11));
    assertThat(step.commands())
        .containsExactly(new Command("sh", "journalctl -u app | grep ERROR\n", 5));
  }

  @Test
  void headingInsideACodeBlockIsNotAStep() {
    String markdown =
        """
        # Code headings

        ## Step 1: Write the README
        ```markdown
        ## Step 2: Not a step
        ### Rollback
        text
        ```
            ## indented, not a step either

        ## Step 2: The real second step
        Done.
        """;

    Runbook runbook = parse("code-headings.md", markdown);

    assertThat(runbook.steps())
        .extracting(Step::title)
        .containsExactly("Write the README", "The real second step");
    assertThat(runbook.steps().get(1).line()).isEqualTo(11);
    Step first = runbook.steps().get(0);
    assertThat(first.rollback()).isEmpty();
    assertThat(first.commands())
        .containsExactly(
            new Command("markdown", "## Step 2: Not a step\n### Rollback\ntext\n", 5),
            new Command("", "## indented, not a step either\n", 9));
  }

  @Test
  void emptySectionsAreAbsentNotBlank() {
    String markdown =
        """
        # Empty

        ## Step 1: Only a heading

        ## Step 2: Empty sub-sections
        ```sh
        true
        ```
        ### Verify
        ### Troubleshooting
        ### Rollback
        ### Cleanup

        ## Rollback

        ## Troubleshooting
        """;

    Runbook runbook = parse("empty.md", markdown);

    assertThat(runbook.steps()).hasSize(2);
    Step onlyHeading = runbook.steps().get(0);
    assertThat(onlyHeading.line()).isEqualTo(3);
    assertThat(onlyHeading.instructions().isBlank()).isTrue();
    assertThat(onlyHeading.commands()).isEmpty();
    Step empty = runbook.steps().get(1);
    assertThat(empty.verify()).isEmpty();
    assertThat(empty.troubleshooting()).isEmpty();
    assertThat(empty.rollback()).isEmpty();
    assertThat(empty.cleanup()).isEmpty();
    assertThat(empty.inheritsRollback()).isFalse();
    assertThat(empty.inheritsTroubleshooting()).isFalse();
    assertThat(runbook.problems()).isEmpty();
  }

  @Test
  void sectionsAfterTheProcedureAreNeitherStepsNorPartOfTheLastStep() {
    String markdown =
        """
        # Procedure

        ## Procedure
        ### 1) Drain
        Drain it.
        ### 2) Patch
        Patch it.

        ## Notes
        Written after the procedure.
        ### Still notes
        """;

    Runbook runbook = parse("procedure.md", markdown);

    assertThat(runbook.steps())
        .extracting(Step::title, Step::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Drain", 4),
            org.assertj.core.groups.Tuple.tuple("Patch", 6));
    assertThat(runbook.steps().get(1).instructions().markdown()).isEqualTo("Patch it.");
    assertThat(runbook.introduction().markdown()).contains("## Notes", "### Still notes");
  }

  @Test
  void troubleshootingTableWithoutAFixColumnIsAProblemOnItsLineAndStaysAsProse() {
    String markdown =
        """
        # Table

        ## Step 1: Go
        ### Troubleshooting
        | Symptom | Cause |
        | --- | --- |
        | x | y |
        """;

    Runbook runbook = parse("table.md", markdown);

    assertThat(runbook.problems())
        .containsExactly(
            new ParseProblem(
                5,
                "troubleshooting table needs a Fix column (Fix, Resolution, Solution, Mitigation or"
                    + " Workaround), found: symptom, cause; add it, or Shepherd shows the table as prose"));
    assertThat(runbook.steps().get(0).troubleshooting()).isEmpty();
    assertThat(runbook.steps().get(0).diagnosis().orElseThrow().markdown())
        .isEqualTo("| Symptom | Cause |\n| --- | --- |\n| x | y |");
  }

  @Test
  void twoColumnTroubleshootingTableGivesRowsWithoutACause() {
    String markdown =
        """
        # Table

        ## Step 1: Go
        ### Troubleshooting
        | Problem | Solution |
        | --- | --- |
        | x | y |
        """;

    Runbook runbook = parse("table.md", markdown);

    assertThat(runbook.problems()).isEmpty();
    assertThat(runbook.steps().get(0).troubleshooting())
        .containsExactly(new TroubleshootingRow("x", "", "y", 7));
  }

  @Test
  void warningsAndApprovalInANestedStep() {
    String markdown =
        """
        # Nested approval

        ## Steps
        ### Step 1: Fail over
        Approval: required

        > **Caution:** traffic moves to the other region.

        > [!DANGER]
        > Sessions are dropped.

        > Just a quote, kept in the instructions.
        """;

    Step step = parse("nested-approval.md", markdown).steps().get(0);

    assertThat(step.approvalRequired()).isTrue();
    assertThat(step.warnings())
        .containsExactly(
            new Warning("traffic moves to the other region.", 7, Warning.Level.CAUTION),
            new Warning("Sessions are dropped.", 9, Warning.Level.CAUTION));
    assertThat(step.instructions().markdown())
        .isEqualTo("> Just a quote, kept in the instructions.");
    assertThat(step.instructions().line()).isEqualTo(12);
  }

  @Test
  void approvalNoneIsNotInstructions() {
    Step step = parse("a.md", "## Go\nApproval: none\n\nPress it.\n").steps().get(0);

    assertThat(step.approvalRequired()).isFalse();
    assertThat(step.instructions().markdown()).isEqualTo("Press it.");
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void fiveThousandLineRunbookParsesWithEveryLineRight() {
    StringBuilder markdown = new StringBuilder("# Long\n\n");
    for (int n = 1; n <= 500; n++) {
      markdown
          .append("## Step ")
          .append(n)
          .append(": Shard ")
          .append(n)
          .append('\n') // +0
          .append("```bash\n") // +1
          .append("./migrate.sh --shard ")
          .append(n)
          .append(" --region {{region}}\n") // +2
          .append("```\n") // +3
          .append("### Troubleshooting\n") // +4
          .append("| Symptom | Cause | Fix |\n| --- | --- | --- |\n") // +5, +6
          .append("| `locked` | busy | wait |\n") // +7
          .append("### Rollback\n") // +8
          .append("./migrate.sh --undo\n"); // +9
    }
    assertThat(markdown.toString().split("\n", -1)).hasSizeGreaterThanOrEqualTo(5_000);

    Runbook runbook = parse("long.md", markdown.toString());

    assertThat(runbook.steps()).hasSize(500);
    for (Step step : runbook.steps()) {
      int heading = 3 + (step.number() - 1) * 10;
      assertThat(step.line()).isEqualTo(heading);
      assertThat(step.title()).isEqualTo("Shard " + step.number());
      assertThat(step.commands())
          .containsExactly(
              new Command(
                  "bash",
                  "./migrate.sh --shard " + step.number() + " --region {{region}}\n",
                  heading + 2));
      assertThat(step.troubleshooting())
          .extracting(TroubleshootingRow::line)
          .containsExactly(heading + 7);
      assertThat(step.rollback().orElseThrow().line()).isEqualTo(heading + 9);
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void fiveThousandLineCommandWithUndefinedVariablesRendersWithEveryLine() {
    StringBuilder markdown =
        new StringBuilder("# Huge\n\n## Step 1: Everything at once\n```bash\n");
    for (int i = 0; i < 5_000; i++) {
      markdown.append("echo {{partition}} {{missing}} ").append(i).append('\n');
    }
    markdown.append("```\n");
    Runbook runbook = parse("huge.md", markdown.toString());

    Rendition rendition = Renderer.render(runbook, Partition.of("dev", Map.of()));

    assertThat(rendition.undefined()).hasSize(5_000);
    assertThat(rendition.undefined().get(0))
        .isEqualTo(new Rendition.UndefinedVariable("missing", 5));
    assertThat(rendition.undefined().get(4_999))
        .isEqualTo(new Rendition.UndefinedVariable("missing", 5_004));
    List<Command> commands = rendition.runbook().steps().get(0).commands();
    assertThat(commands.get(0).code()).startsWith("echo dev {{missing}} 0\n");
  }

  @Test
  void aHeadingThatQuotesAnErrorIsRunbookWideTroubleshootingNotAStep() {
    String markdown =
        """
        # Certificates

        ## Renew
        certbot renew

        ## Restart `haproxy`
        systemctl restart haproxy

        ## Error: "x509: certificate has expired"
        The proxy still serves the old certificate: reload every node.
        """;

    Runbook runbook = parse("certs.md", markdown);

    assertThat(runbook.steps()).extracting(Step::title).containsExactly("Renew", "Restart haproxy");
    assertThat(runbook.reading().diagnosis().orElseThrow().markdown())
        .isEqualTo("The proxy still serves the old certificate: reload every node.");
  }

  @Test
  void stepsNamedAlikeInTwoGroupsAreToldApartByTheirGroup() {
    String markdown =
        """
        # Upgrade

        ## Upgrade the control plane
        ### 1. Upgrade kubeadm
        apt-get install kubeadm
        ### 2. Restart the kubelet
        systemctl restart kubelet

        ## Upgrade each worker
        ### 1. Upgrade kubeadm
        apt-get install kubeadm
        ### 2. Restart the kubelet
        systemctl restart kubelet
        """;

    Runbook runbook = parse("upgrade.md", markdown);

    assertThat(runbook.steps())
        .extracting(Step::title)
        .containsExactly(
            "Upgrade kubeadm",
            "Restart the kubelet",
            "Upgrade each worker: Upgrade kubeadm",
            "Upgrade each worker: Restart the kubelet");
  }
}
