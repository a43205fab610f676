package dev.shepherd.learning;

import static dev.shepherd.learning.Found.finding;
import static dev.shepherd.learning.Found.fixed;
import static dev.shepherd.learning.Found.symptom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.learning.finding.FindingCoverage;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.learning.finding.RunbookFinding.Kind;
import dev.shepherd.learning.writeback.RunbookPatch;
import dev.shepherd.runbook.Runbook;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunbookPatchTest {
  private static final String TABLES =
      """
      # Migrate the sessions store

      ## Step 1: Start dual writes
      Approval: required

      Set `SESSIONS_DUAL_WRITE=true` and deploy.

      ### Troubleshooting

      | Issue | Likely cause | Workaround | Owner |
      | --- | --- | --- | --- |
      | writes to the new store time out | security group not open | open port 6379 from the app subnet | infra |

      ### Rollback

      Set `SESSIONS_DUAL_WRITE=false` and deploy.

      ## Step 2: Backfill

      ```bash
      ./backfill-sessions --from old --to new --since 30d
      ```

      ### Troubleshooting

      | Error | Cause / fix |
      | --- | --- |
      | `OOM command not allowed` | the new store is too small: double its memory |

      ### Rollback

      Nothing to roll back.

      ## Step 3: Switch reads

      Set `SESSIONS_READ_FROM=new` and deploy.

      ### Rollback

      Set `SESSIONS_READ_FROM=old` and deploy.
      """;

  @Test
  void aNewSymptomIsAnotherRowOfTheStepsTableWithItsOwnColumns() {
    RunbookPatch.Result result =
        proven(
            "sessions.md",
            TABLES,
            List.of(
                symptom(
                    1,
                    "Start dual writes",
                    "`READONLY You can't write against a read only replica`"),
                finding(
                    Kind.LATENT_BUG,
                    2,
                    "Backfill",
                    "backfill stops with `ERR max clients reached`",
                    "",
                    fixed("raise maxclients to 20000", "the pool opens a connection per worker"))));

    assertThat(result.text())
        .contains(
            """
        | writes to the new store time out | security group not open | open port 6379 from the app subnet | infra |
        | `READONLY You can't write against a read only replica` | Unknown yet (rollout 1a2b3c4d on prod) | Not known yet: rollout 1a2b3c4d on prod met this; write what fixed it here |  |

        ### Rollback
        """);
    assertThat(result.text())
        .contains(
            """
        | `OOM command not allowed` | the new store is too small: double its memory |
        | backfill stops with `ERR max clients reached` | the pool opens a connection per worker: raise maxclients to 20000 |
        """);
    assertThat(result.changes())
        .extracting(RunbookPatch.Change::description)
        .containsExactly(
            "step 1 (Start dual writes): a troubleshooting row for \"`READONLY You can't write against a"
                + " read only replica`\" (unmatched symptom; rollout 1a2b3c4d on prod)",
            "step 2 (Backfill): a troubleshooting row for \"backfill stops with `ERR max clients reached`\""
                + " (latent bug; rollout 1a2b3c4d on prod)");
  }

  @Test
  void aStepWithoutTroubleshootingGetsASectionLikeItsOtherSteps() {
    RunbookPatch.Result result =
        proven(
            "sessions.md",
            TABLES,
            List.of(
                symptom(3, "Switch reads", "reads return `nil` for every session"),
                finding(
                    Kind.WARNING_THEN_FAILED,
                    3,
                    "Switch reads",
                    "p99 latency above 800 ms",
                    "",
                    fixed("scale the new store to 6 shards", ""))));

    assertThat(result.text())
        .contains(
            """
        Set `SESSIONS_READ_FROM=new` and deploy.

        ### Rollback

        Set `SESSIONS_READ_FROM=old` and deploy.

        ### Troubleshooting

        | Issue | Likely cause | Workaround | Owner |
        | --- | --- | --- | --- |
        | reads return `nil` for every session | Unknown yet (rollout 1a2b3c4d on prod) | Not known yet: rollout 1a2b3c4d on prod met this; write what fixed it here |  |
        | p99 latency above 800 ms | Unknown yet (rollout 1a2b3c4d on prod) | scale the new store to 6 shards |  |
        """);
  }

  @Test
  void withNoOtherStepToCopyTheSectionIsSymptomCauseFix() {
    String text =
        """
        # Restart the runner

        ## Step 1: Drain

        Run `./drain.sh`.

        ## Step 2: Restart

        Run `./restart.sh`.
        """;
    RunbookPatch.Result result =
        proven(
            "runner.md", text, List.of(symptom(1, "Drain", "drain hangs on `waiting for 3 jobs`")));

    assertThat(result.text())
        .isEqualTo(
            """
        # Restart the runner

        ## Step 1: Drain

        Run `./drain.sh`.

        ### Troubleshooting

        | Symptom | Cause | Fix |
        | --- | --- | --- |
        | drain hangs on `waiting for 3 jobs` | Unknown yet (rollout 1a2b3c4d on prod) | Not known yet: rollout 1a2b3c4d on prod met this; write what fixed it here |

        ## Step 2: Restart

        Run `./restart.sh`.
        """);
  }

  @Test
  void boldLabelGroupsGetAnotherGroupWithTheSameLabels() {
    String text = Found.resource("shapes/bold-labels.md");
    RunbookPatch.Result result =
        proven(
            "bold-labels.md",
            text,
            List.of(
                symptom(2, "Restart the runner", "`runner exited with code 137`"),
                finding(
                    Kind.UNMATCHED_SYMPTOM,
                    1,
                    "Store the new token",
                    "`[ERROR] vault is locked`",
                    "",
                    fixed("unlock it with `op signin`", "the session expired"))));

    assertThat(result.text())
        .contains(
            """
        **Symptoms:** `[ERROR] item not found`
        **Cause:** the item is named differently in this vault
        **Fix:** list the items with `op item list --vault {{vault}}`

        **Symptoms:** `[ERROR] vault is locked`
        **Cause:** the session expired
        **Fix:** unlock it with `op signin`

        ## Step 2: Restart the runner
        """);
    assertThat(result.text())
        .endsWith(
            """
        **Symptoms:** `401 Bad credentials`
        **Cause:** the token was pasted with a trailing newline
        **Resolution:** store it again with `printf %s "$NEW_TOKEN"`

        **Symptoms:** `runner exited with code 137`
        **Cause:** Unknown yet (rollout 1a2b3c4d on prod)
        **Resolution:** Not known yet: rollout 1a2b3c4d on prod met this; write what fixed it here
        """);
  }

  @Test
  void aGroupEndingInACodeBlockWithCommentsGetsTheNewGroupAfterTheBlock() {
    String text =
        """
        # Resize the volume

        ## Step 1: Grow the filesystem
        Run `sudo resize2fs /dev/sdb`.

        **Symptoms:** `The filesystem is already 26214400 blocks long.`
        **Cause:** the kernel has not seen the new size yet.
        **Resolution:**
        ```bash
        # rescan the device, then resize again
        echo 1 | sudo tee /sys/class/block/sdb/device/rescan
        ```

        ## Step 2: Check
        Run `df -h /data`.
        """;
    RunbookPatch.Result result =
        proven(
            "resize.md",
            text,
            List.of(symptom(1, "Grow the filesystem", "`resize2fs: Device or resource busy`")));

    assertThat(result.text())
        .contains(
            """
        echo 1 | sudo tee /sys/class/block/sdb/device/rescan
        ```

        **Symptoms:** `resize2fs: Device or resource busy`
        **Cause:** Unknown yet (rollout 1a2b3c4d on prod)
        **Resolution:** Not known yet: rollout 1a2b3c4d on prod met this; write what fixed it here

        ## Step 2: Check
        """);
  }

  @Test
  void aStepWithoutRowsInARunbookOfBoldLabelGroupsGetsAGroupWithTheirLabels() {
    String text =
        """
        # Rotate the token

        ## Step 1: Store the new token
        Run `op item edit gh-token`.

        **Symptoms:** `[ERROR] item not found`
        **Likely cause:** the item is named differently in this vault
        **Resolution:** list the items with `op item list`

        ## Step 2: Restart the runner
        Run `./amm.sh restart deploy-runner`.

        **Rollback:** restart it with the old token.
        """;
    RunbookPatch.Result result =
        proven(
            "rotate.md",
            text,
            List.of(
                finding(
                    Kind.UNMATCHED_SYMPTOM,
                    2,
                    "Restart the runner",
                    "runner logs `401 Bad credentials`",
                    "",
                    fixed("store the token without a trailing newline", "a pasted newline"))));

    assertThat(result.text())
        .endsWith(
            """
        **Rollback:** restart it with the old token.

        **Symptoms:** runner logs `401 Bad credentials`
        **Likely cause:** a pasted newline
        **Resolution:** store the token without a trailing newline
        """);
  }

  @Test
  void rowsInheritedFromTheRunbookWideSectionAreAddedThereInItsHeadingShape() {
    String text = Found.resource("real-shapes/troubleshooting-bold-groups.md");
    RunbookPatch.Result result =
        proven(
            "resize.md",
            text,
            List.of(symptom(2, "Grow the filesystem", "`resize2fs: Device or resource busy`")));

    assertThat(result.text())
        .endsWith(
            """
        ### Issue 2: the resize command is refused
        **Symptoms:** `Disk size cannot be decreased`
        **Cause:** the size given is smaller than the current one.
        **Resolution:** check the current size with `gcloud compute disks describe`.

        ### Issue 3: `resize2fs: Device or resource busy`
        **Cause:** Unknown yet (rollout 1a2b3c4d on prod)
        **Resolution:** Not known yet: rollout 1a2b3c4d on prod met this; write what fixed it here
        """);
    assertThat(result.changes())
        .extracting(RunbookPatch.Change::description)
        .containsExactly(
            "runbook-wide troubleshooting (step 2 reads it): a troubleshooting row for"
                + " \"`resize2fs: Device or resource busy`\" (unmatched symptom; rollout 1a2b3c4d on prod)");
  }

  @Test
  void aRunbookWideTableGetsTheRow() {
    String text = Found.resource("real-shapes/mitigation-table-runbook-wide.md");
    RunbookPatch.Result result =
        proven(
            "patches.md",
            text,
            List.of(symptom(1, "Patch the canary host", "apt lock held by `unattended-upgrades`")));

    assertThat(result.text())
        .contains(
            """
        | `dpkg was interrupted` | run `dpkg --configure -a`, rerun the playbook |
        | apt lock held by `unattended-upgrades` | Not known yet: rollout 1a2b3c4d on prod met this; write what fixed it here |
        """);
  }

  @Test
  void listItemStepsGetAnIndentedGroupInsideTheirItem() {
    String text = Found.resource("real-shapes/ordered-list-under-steps.md");
    RunbookPatch.Result result =
        proven(
            "deploy-key.md",
            text,
            List.of(
                symptom(
                    2,
                    "Add the public key to the registry with write access.",
                    "registry answers `403 key already in use`"),
                finding(
                    Kind.SKIPPED,
                    5,
                    "Delete the old public key from the registry.",
                    "",
                    "reason: kept for the audit",
                    Optional.empty())));

    assertThat(result.text())
        .contains(
            """
        2) Add the public key to the registry with write access.

           **Symptom:** registry answers `403 key already in use`
           **Cause:** Unknown yet (rollout 1a2b3c4d on prod)
           **Fix:** Not known yet: rollout 1a2b3c4d on prod met this; write what fixed it here

        3) Update the CI secret `DEPLOY_KEY` with the private key.
        """);
    assertThat(result.text())
        .contains(
            """
        5) Delete the old public key from the registry.

           > **Note:** Skipped in rollout 1a2b3c4d on prod: reason: kept for the audit.

        ## Verification
        """);
  }

  @Test
  void skippedSlowAndRolledBackStepsGetANoteNamingTheRolloutUnderTheirHeading() {
    RunbookPatch.Result result =
        proven(
            "sessions.md",
            TABLES,
            List.of(
                finding(
                    Kind.SKIPPED,
                    2,
                    "Backfill",
                    "",
                    "backfilled by hand last week",
                    Optional.empty()),
                finding(
                    Kind.SLOW, 2, "Backfill", "", "took 48m; its median is 6m", Optional.empty()),
                finding(
                    Kind.ROLLED_BACK, 3, "Switch reads", "", "errors rose to 4%", Optional.empty()),
                finding(
                    Kind.WARNING_THEN_FAILED,
                    1,
                    "Start dual writes",
                    "",
                    "the warning was shown",
                    Optional.empty())));

    assertThat(result.text())
        .contains(
            """
        ## Step 2: Backfill

        > **Note:** Skipped in rollout 1a2b3c4d on prod: backfilled by hand last week.

        > **Note:** Took far longer than usual in rollout 1a2b3c4d on prod: took 48m; its median is 6m.

        ```bash
        """);
    assertThat(result.text())
        .contains(
            """
        ## Step 3: Switch reads

        > **Note:** Rolled back in rollout 1a2b3c4d on prod: errors rose to 4%.

        Set `SESSIONS_READ_FROM=new` and deploy.
        """);
    assertThat(result.changes()).hasSize(4);
  }

  @Test
  void aFailureNobodyDescribedGetsANoteWithItsFix() {
    RunbookPatch.Result result =
        proven(
            "sessions.md",
            TABLES,
            List.of(
                finding(
                    Kind.UNMATCHED_SYMPTOM,
                    2,
                    "Backfill",
                    "",
                    "failed once and nobody said what they saw",
                    fixed("reran it with a smaller batch", ""))));

    assertThat(result.text())
        .contains(
            "> **Note:** Failed, and nobody said what they saw in rollout"
                + " 1a2b3c4d on prod. Fixed by: reran it with a smaller batch.");
  }

  @Test
  void findingsWhoseSymptomsMatchMakeOneRow() {
    RunbookPatch.Result result =
        proven(
            "sessions.md",
            TABLES,
            List.of(
                symptom(3, "Switch reads", "`connection refused` from sessions-new"),
                finding(
                    Kind.LATENT_BUG,
                    3,
                    "Switch reads",
                    "sessions-new says connection refused",
                    "",
                    fixed("open the security group", ""))));

    assertThat(result.changes()).hasSize(1);
    assertThat(result.changes().get(0).findings()).hasSize(2);
    assertThat(result.text())
        .containsOnlyOnce("connection refused")
        .contains(
            "| `connection refused` from sessions-new | Unknown yet (rollout 1a2b3c4d on prod) | open the security group |  |");
  }

  @Test
  void pipesInASymptomAreEscapedInATableAndReadBackWhole() {
    RunbookPatch.Result result =
        proven(
            "sessions.md",
            TABLES,
            List.of(symptom(1, "Start dual writes", "`grep -c ERR | wc -l` prints 12")));

    assertThat(result.text()).contains("| `grep -c ERR \\| wc -l` prints 12 |");
    assertThat(Found.parse("sessions.md", result.text()).step(1).orElseThrow().troubleshooting())
        .extracting(r -> r.symptom())
        .contains("`grep -c ERR | wc -l` prints 12");
  }

  @Test
  void bracesPastedFromALogAreNotTakenForVariables() {
    RunbookPatch.Result result =
        proven(
            "sessions.md",
            TABLES,
            List.of(
                symptom(3, "Switch reads", "template error `{{session_ttl}}` in the config dump"),
                finding(
                    Kind.SKIPPED,
                    2,
                    "Backfill",
                    "",
                    "the job printed {{done}}",
                    Optional.empty())));

    assertThat(result.text())
        .contains(
            "| template error `\\{{session_ttl}}` in the config dump |",
            "the job printed \\{{done}}.");
  }

  @Test
  void crlfStaysCrlfAndEveryOtherByteStays() {
    String crlf = TABLES.replace("\n", "\r\n");
    RunbookPatch.Result result =
        proven(
            "sessions.md",
            crlf,
            List.of(
                symptom(3, "Switch reads", "reads return `nil`"),
                finding(Kind.SKIPPED, 2, "Backfill", "", "done by hand", Optional.empty())));

    assertThat(result.text().replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    assertThat(result.text())
        .contains("\r\n> **Note:** Skipped in rollout 1a2b3c4d on prod: done by hand.\r\n");
  }

  @Test
  void aFileWithoutAFinalNewlineKeepsItsLastLine() {
    String text = "# Restart\n\n## Step 1: Drain\n\nRun `./drain.sh`.";
    RunbookPatch.Result result = proven("r.md", text, List.of(symptom(1, "Drain", "drain hangs")));

    assertThat(result.text()).startsWith(text + "\n\n### Troubleshooting\n").doesNotEndWith("\n");
  }

  @Test
  void coveredFindingsAndOverridesAddNothing() {
    List<RunbookFinding> findings =
        List.of(
            symptom(1, "Start dual writes", "writes to the new store time out after 5s"),
            finding(Kind.OVERRIDE, 0, "", "", "started on prod before stage", Optional.empty()));

    RunbookPatch.Result result =
        RunbookPatch.apply(TABLES, Found.parse("sessions.md", TABLES), findings);

    assertThat(result.isEmpty()).isTrue();
    assertThat(result.text()).isEqualTo(TABLES);
    assertThat(result.used()).isEmpty();
  }

  @Test
  void aRunbookParsedFromOtherTextIsRefused() {
    assertThatThrownBy(
            () ->
                RunbookPatch.apply(
                    TABLES + "\nmore", Found.parse("sessions.md", TABLES), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "sessions.md: the runbook given was not parsed from the text given; parse the"
                + " pinned text and pass both");
  }

  /**
   * The patch's proof: every risk is covered by the patched runbook, the lint finds nothing it did
   * not find before, and every original line is still there, in order, byte for byte.
   */
  static RunbookPatch.Result proven(String path, String text, List<RunbookFinding> findings) {
    Runbook original = Found.parse(path, text);
    RunbookPatch.Result result = RunbookPatch.apply(text, original, findings);
    Runbook patched = Found.parse(path, result.text());
    for (RunbookFinding finding : findings) {
      if (finding.kind().isRisk()) {
        assertThat(FindingCoverage.covers(patched, finding))
            .as("covers %s in:%n%s", finding.key(), result.text())
            .isPresent();
      }
    }
    assertThat(Found.lint(path, result.text()))
        .as("lint of%n%s", result.text())
        .isSubsetOf(Found.lint(path, text));
    assertThat(keptInOrder(text, result.text())).as("original lines kept").isTrue();
    // What the operator walks is the same: only troubleshooting and notes were added.
    assertThat(patched.steps())
        .extracting(
            s ->
                s.title()
                    + "|"
                    + s.approvalRequired()
                    + "|"
                    + s.commands().size()
                    + "|"
                    + s.rollback().isPresent()
                    + "|"
                    + s.warnings().size())
        .as("steps of%n%s", result.text())
        .containsExactlyElementsOf(
            original.steps().stream()
                .map(
                    s ->
                        s.title()
                            + "|"
                            + s.approvalRequired()
                            + "|"
                            + s.commands().size()
                            + "|"
                            + s.rollback().isPresent()
                            + "|"
                            + s.warnings().size())
                .toList());
    assertThat(result.used())
        .containsExactlyInAnyOrderElementsOf(
            findings.stream()
                .filter(f -> f.kind().isRisk() && FindingCoverage.covers(original, f).isEmpty())
                .toList());
    return result;
  }

  private static boolean keptInOrder(String original, String patched) {
    List<String> lines = new ArrayList<>(List.of(original.split("(?<=\n)")));
    int at = 0;
    for (String line : patched.split("(?<=\n)")) {
      String kept =
          at < lines.size() && !lines.get(at).endsWith("\n") ? line.replaceAll("\r?\n$", "") : line;
      if (at < lines.size() && lines.get(at).equals(kept)) {
        at++;
      }
    }
    return at == lines.size();
  }
}
