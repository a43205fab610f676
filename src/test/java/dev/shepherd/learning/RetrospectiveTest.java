package dev.shepherd.learning;

import static dev.shepherd.learning.HandBuilt.ALICE;
import static dev.shepherd.learning.HandBuilt.BOB;
import static dev.shepherd.learning.HandBuilt.ID;
import static dev.shepherd.learning.HandBuilt.OPERATOR;
import static dev.shepherd.learning.HandBuilt.RUNBOOK;
import static dev.shepherd.learning.HandBuilt.at;
import static dev.shepherd.learning.HandBuilt.rollbackStep;
import static dev.shepherd.learning.HandBuilt.rollout;
import static dev.shepherd.learning.HandBuilt.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.format.Durations;
import dev.shepherd.learning.finding.FindingClosure;
import dev.shepherd.learning.finding.Resolution;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.learning.retro.Retrospective;
import dev.shepherd.learning.stats.StepMedians;
import dev.shepherd.rollout.RolloutRecord;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StepState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The retrospective's exact Markdown for fixed rollouts, and each section's edges. */
class RetrospectiveTest {
  private static final String SYMPTOM =
      "`ThrottlingException: Rate exceeded` from the smoke client";
  private static final StepMedians MEDIANS =
      (step, title) ->
          Optional.ofNullable(
              Map.of(1, Duration.ofSeconds(210), 2, Duration.ofMinutes(6), 3, Duration.ofMinutes(7))
                  .get(step));
  private static final String DIFF =
      """
      --- a/oam-secrets.md
      +++ b/oam-secrets.md
      @@ -30,3 +30,7 @@
       ```bash
       ./amm.sh smoke --region {{region}}
       ```
      +### Troubleshooting
      +| Symptom | Cause | Fix |
      +| --- | --- | --- |
      +| `ThrottlingException: Rate exceeded` | prod's API quota is per region | raise the smoke client's rate limit |
      """;

  /** Prod: step 3 failed with a symptom no row names, was fixed and retried; step 4 skipped. */
  static RolloutRecord prodRollout() {
    return new HandBuilt()
        .fwd("09:00:00", Action.START, 0, OPERATOR, "")
        .fwd("09:04:05", Action.DONE, 1, OPERATOR, "")
        .fwd("09:06:00", Action.APPROVE, 2, ALICE, "")
        .refused("09:06:30", Action.APPROVE, 2, OPERATOR)
        .fwd("09:07:00", Action.APPROVE, 2, BOB, "")
        .fwd("09:11:05", Action.DONE, 2, OPERATOR, "")
        .fwd("09:15:05", Action.FAIL, 3, OPERATOR, "Rate exceeded")
        .fwd("09:16:00", Action.SYMPTOM, 3, OPERATOR, SYMPTOM)
        .fwd("09:40:00", Action.RETRY, 3, OPERATOR, "")
        .fwd("09:53:05", Action.DONE, 3, OPERATOR, "")
        .fwd("09:54:05", Action.SKIP, 4, ALICE, "prune runs nightly on prod")
        .of(
            rollout(
                RolloutState.COMPLETED,
                "09:00:00",
                "09:54:05",
                List.of(
                    step(
                        1,
                        "Check for drift",
                        false,
                        StepState.DONE,
                        "09:00:00",
                        "09:04:05",
                        OPERATOR,
                        List.of(),
                        null),
                    step(
                        2,
                        "Deploy",
                        true,
                        StepState.DONE,
                        "09:04:05",
                        "09:11:05",
                        OPERATOR,
                        List.of(ALICE, BOB),
                        null),
                    step(
                        3,
                        "Smoke test",
                        false,
                        StepState.DONE,
                        "09:40:00",
                        "09:53:05",
                        OPERATOR,
                        List.of(),
                        null),
                    step(
                        4,
                        "Clean up",
                        false,
                        StepState.SKIPPED,
                        "09:53:05",
                        "09:54:05",
                        ALICE,
                        List.of(),
                        "prune runs nightly on prod")),
                List.of()));
  }

  static RunbookFinding finding(
      String key,
      RunbookFinding.Kind kind,
      int step,
      String title,
      String symptom,
      String detail,
      Optional<Resolution> resolution) {
    return new RunbookFinding(
        key,
        ID,
        "oam-secrets",
        RUNBOOK.revision(),
        "prod",
        at("09:54:05"),
        kind,
        step,
        title,
        symptom,
        detail,
        resolution,
        Optional.empty());
  }

  static List<RunbookFinding> prodFindings() {
    Optional<Resolution> fix =
        Optional.of(
            new Resolution(
                "raised the smoke client's rate limit to 20/s",
                "prod's API quota is per region, and us-east-1 is shared",
                OPERATOR,
                at("09:53:05")));
    return List.of(
        finding(
            "unmatched_symptom:3:1",
            RunbookFinding.Kind.UNMATCHED_SYMPTOM,
            3,
            "Smoke test",
            SYMPTOM,
            "none of step 3's troubleshooting rows names it",
            fix),
        finding(
            "latent_bug:3:1",
            RunbookFinding.Kind.LATENT_BUG,
            3,
            "Smoke test",
            SYMPTOM,
            "a latent bug that only fired on prod: step 3 succeeded on dev, stage at revision"
                + " 9c1e4b2 and failed on the last partition",
            fix),
        finding(
            "slow:3:1",
            RunbookFinding.Kind.SLOW,
            3,
            "Smoke test",
            "",
            "took 42m 0s against a median of 7m 0s",
            Optional.empty()),
        finding(
            "skipped:4:1",
            RunbookFinding.Kind.SKIPPED,
            4,
            "Clean up",
            "",
            "skipped by U0ALICE: prune runs nightly on prod",
            Optional.empty()));
  }

  @Test
  void aProdRolloutThatFailedAndWasFixedReadsAsTeamsWriteLearnings() {
    String markdown =
        Retrospective.write(prodRollout(), prodFindings(), MEDIANS, Optional.of(DIFF));

    assertThat(markdown)
        .isEqualTo(
            """
        # Retrospective: oam-secrets on prod, 2026-11-27

        - **Runbook:** `oam-secrets` (oam-secrets.md) at commit `9c1e4b2`
        - **Partition:** prod
        - **Outcome:** completed in 54m 5s
        - **Date:** 2026-11-27 09:00 UTC
        - **Rollout:** `5f0c2a9e-1b7d-4c3e-9a61-2d8e4f6b7c10` by U0OPERATOR

        ## What happened

        | Step | Outcome | Who | Took | Median |
        | --- | --- | --- | --- | --- |
        | 1. Check for drift | done | U0OPERATOR | 4m 5s | 3m 30s |
        | 2. Deploy | done | U0OPERATOR; approved by U0ALICE, U0BOB | 7m 0s | 6m 0s |
        | 3. Smoke test | done after 1 retry | U0OPERATOR | 42m 0s | 7m 0s |
        | 4. Clean up | skipped | U0ALICE | 1m 0s | — |

        Notable events (UTC):

        - 09:15:05 Step 3 (Smoke test) failed, reported by U0OPERATOR: Rate exceeded
        - 09:16:00 U0OPERATOR saw, at step 3 (Smoke test): `ThrottlingException: Rate exceeded` from the smoke client
        - 09:40:00 Step 3 (Smoke test) retried by U0OPERATOR
        - 09:54:05 Step 4 (Clean up) skipped by U0ALICE: prune runs nightly on prod

        ## What went wrong and how it was fixed

        ### Step 3: Smoke test

        - **Symptom:** Rate exceeded; `ThrottlingException: Rate exceeded` from the smoke client
        - **Fixed by:** raised the smoke client's rate limit to 20/s (U0OPERATOR)
        - **Cause:** prod's API quota is per region, and us-east-1 is shared
        - **Time to resolution:** 38m 0s (1 retry)

        ## Findings

        - **Unmatched symptom** at step 3 (Smoke test): no troubleshooting row names `ThrottlingException: Rate exceeded from the smoke client`; none of step 3's troubleshooting rows names it
        - **Latent bug** at step 3 (Smoke test): `ThrottlingException: Rate exceeded from the smoke client`; a latent bug that only fired on prod: step 3 succeeded on dev, stage at revision 9c1e4b2 and failed on the last partition
        - **Slow** at step 3 (Smoke test): took 42m 0s against a median of 7m 0s
        - **Skipped** at step 4 (Clean up): skipped by U0ALICE: prune runs nightly on prod

        ## Questions the runbook does not answer

        - Why can step 3 take 42m 0s when it usually takes 7m 0s?
        - When may step 4 be skipped?

        ## Proposed runbook changes

        ````diff
        --- a/oam-secrets.md
        +++ b/oam-secrets.md
        @@ -30,3 +30,7 @@
         ```bash
         ./amm.sh smoke --region {{region}}
         ```
        +### Troubleshooting
        +| Symptom | Cause | Fix |
        +| --- | --- | --- |
        +| `ThrottlingException: Rate exceeded` | prod's API quota is per region | raise the smoke client's rate limit |
        ````
        """);
  }

  @Test
  void aCleanRolloutSaysNothingWentWrongAndHasNoQuestions() {
    RolloutRecord clean =
        new HandBuilt()
            .fwd("09:00:00", Action.START, 0, OPERATOR, "")
            .fwd("09:02:00", Action.DONE, 1, OPERATOR, "")
            .fwd("09:05:00", Action.DONE, 2, OPERATOR, "")
            .of(
                rollout(
                    RolloutState.COMPLETED,
                    "09:00:00",
                    "09:05:00",
                    List.of(
                        step(
                            1,
                            "Check for drift",
                            false,
                            StepState.DONE,
                            "09:00:00",
                            "09:02:00",
                            OPERATOR,
                            List.of(),
                            null),
                        step(
                            2,
                            "Deploy",
                            false,
                            StepState.DONE,
                            "09:02:00",
                            "09:05:00",
                            OPERATOR,
                            List.of(),
                            null)),
                    List.of()));

    String markdown = Retrospective.write(clean, List.of(), StepMedians.NONE, Optional.empty());

    assertThat(markdown)
        .isEqualTo(
            """
        # Retrospective: oam-secrets on prod, 2026-11-27

        - **Runbook:** `oam-secrets` (oam-secrets.md) at commit `9c1e4b2`
        - **Partition:** prod
        - **Outcome:** completed in 5m 0s
        - **Date:** 2026-11-27 09:00 UTC
        - **Rollout:** `5f0c2a9e-1b7d-4c3e-9a61-2d8e4f6b7c10` by U0OPERATOR

        ## What happened

        | Step | Outcome | Who | Took | Median |
        | --- | --- | --- | --- | --- |
        | 1. Check for drift | done | U0OPERATOR | 2m 0s | — |
        | 2. Deploy | done | U0OPERATOR | 3m 0s | — |

        Nothing out of the ordinary: every step was done in turn.

        ## What went wrong and how it was fixed

        Nothing went wrong.

        ## Findings

        None.

        ## Questions the runbook does not answer

        None.

        ## Proposed runbook changes

        None.
        """);
  }

  @Test
  void aRolledBackRolloutShowsTheWalkBackAndTheFailureItEnded() {
    RolloutRecord rolledBack =
        new HandBuilt()
            .fwd("23:50:00", Action.START, 0, OPERATOR, "")
            .fwd("23:55:00", Action.DONE, 1, OPERATOR, "")
            .fwd("23:58:00", Action.FAIL, 2, OPERATOR, "")
            .fwd("23:59:30", Action.ROLLBACK, 2, OPERATOR, "")
            .ack("23:59:59", Action.DONE, Phase.ROLLBACK, 1, OPERATOR, "")
            .of(
                rollout(
                    RolloutState.ROLLED_BACK,
                    "23:50:00",
                    "23:59:59",
                    List.of(
                        step(
                            1,
                            "Check for drift",
                            false,
                            StepState.DONE,
                            "23:50:00",
                            "23:55:00",
                            OPERATOR,
                            List.of(),
                            null),
                        step(
                            2,
                            "Deploy | apply",
                            false,
                            StepState.FAILED,
                            "23:55:00",
                            "23:58:00",
                            OPERATOR,
                            List.of(),
                            null),
                        step(
                            3,
                            "Smoke test",
                            false,
                            StepState.PENDING,
                            null,
                            null,
                            null,
                            List.of(),
                            null)),
                    List.of(
                        rollbackStep(
                            1,
                            2,
                            "Deploy | apply",
                            StepState.DONE,
                            "23:59:30",
                            "23:59:59",
                            OPERATOR))));

    String markdown =
        Retrospective.write(rolledBack, List.of(), StepMedians.NONE, Optional.of("  "));

    assertThat(markdown)
        .contains(
            """
        - **Outcome:** rolled back after 9m 59s
        """,
            """
        | 2. Deploy \\| apply | failed | U0OPERATOR | 3m 0s | — |
        | 3. Smoke test | not reached | — | — | — |
        | Rollback of 2. Deploy \\| apply | done | U0OPERATOR | 29s | — |

        Notable events (UTC):

        - 23:58:00 Step 2 (Deploy | apply) failed, reported by U0OPERATOR
        - 23:59:30 Rollback begun at step 2 (Deploy | apply) by U0OPERATOR
        - 23:59:59 Rolled back
        """,
            """
        ### Step 2: Deploy | apply

        - **Symptom:** none given
        - **Fixed by:** not fixed: the rollout was rolled back
        - **Cause:** unknown
        - **Time to resolution:** 1m 59s

        ## Findings
        """,
            """
        ## Questions the runbook does not answer

        None.

        ## Proposed runbook changes

        None.
        """);
  }

  @Test
  void aFailureFixedWithoutSayingHowAsksWhatFixedItAndKeepsWhatWasSeenAfter() {
    RolloutRecord fixedSilently =
        new HandBuilt()
            .fwd("09:00:00", Action.START, 0, OPERATOR, "")
            .fwd("09:01:00", Action.FAIL, 1, OPERATOR, "drift in `sg-0a1b`")
            .fwd("09:02:00", Action.RETRY, 1, OPERATOR, "")
            .fwd("09:03:00", Action.FAIL, 1, OPERATOR, "drift in `sg-0a1b`")
            .fwd("09:04:00", Action.RETRY, 1, OPERATOR, "")
            .fwd("09:10:00", Action.DONE, 1, OPERATOR, "")
            .fwd("09:12:00", Action.SYMPTOM, 1, OPERATOR, "an old rule in the security group")
            .of(
                rollout(
                    RolloutState.COMPLETED,
                    "09:00:00",
                    "09:10:00",
                    List.of(
                        step(
                            1,
                            "Check for drift",
                            false,
                            StepState.DONE,
                            "09:04:00",
                            "09:10:00",
                            OPERATOR,
                            List.of(),
                            null)),
                    List.of()));

    String markdown =
        Retrospective.write(fixedSilently, List.of(), StepMedians.NONE, Optional.empty());

    assertThat(markdown)
        .contains(
            "| 1. Check for drift | done after 2 retries | U0OPERATOR | 10m 0s | — |\n",
            """
        - **Symptom:** drift in `sg-0a1b`; an old rule in the security group
        - **Fixed by:** not recorded
        - **Cause:** unknown
        - **Time to resolution:** 9m 0s (2 retries)
        """,
            """
        ## Questions the runbook does not answer

        - What fixed step 1?
        """);
  }

  @Test
  void aFindingOfTheWholeRolloutAndAClosedOneAreSaidSo() {
    RunbookFinding override =
        new RunbookFinding(
            "override:0:1",
            ID,
            "oam-secrets",
            RUNBOOK.revision(),
            "prod",
            at("09:00:00"),
            RunbookFinding.Kind.OVERRIDE,
            0,
            "",
            "",
            "started by U0ALICE despite the choreography: hotfix INC-42",
            Optional.empty(),
            Optional.empty());
    RunbookFinding covered =
        finding(
                "unmatched_symptom:3:1",
                RunbookFinding.Kind.UNMATCHED_SYMPTOM,
                3,
                "Smoke test",
                "smoke test hangs",
                "",
                Optional.empty())
            .closed(
                new FindingClosure(
                    FindingClosure.Kind.COVERED,
                    "rev-2",
                    "step 3 has a troubleshooting row for it (line 40)",
                    at("10:00:00")));

    String markdown =
        Retrospective.write(prodRollout(), List.of(override, covered), MEDIANS, Optional.empty());

    assertThat(markdown)
        .contains(
            """
        ## Findings

        - **Override** on the rollout: started by U0ALICE despite the choreography: hotfix INC-42
        - **Unmatched symptom** at step 3 (Smoke test): no troubleshooting row names `smoke test hangs` (closed: step 3 has a troubleshooting row for it (line 40))

        ## Questions the runbook does not answer

        - What causes `smoke test hangs` at step 3, and how is it fixed?
        - What fixed step 3?
        - When may step 4 be skipped?
        """);
  }

  @Test
  void aFixWithoutItsCauseLeavesOnlyTheCauseToAsk() {
    RunbookFinding fixed =
        finding(
            "unmatched_symptom:3:1",
            RunbookFinding.Kind.UNMATCHED_SYMPTOM,
            3,
            "Smoke test",
            "smoke test hangs",
            "",
            Optional.of(new Resolution("restarted the runner", "", OPERATOR, at("09:53:05"))));

    String markdown = Retrospective.write(prodRollout(), List.of(fixed), MEDIANS, Optional.empty());

    assertThat(markdown)
        .contains("- What causes `smoke test hangs` at step 3?\n")
        .doesNotContain("how is it fixed", "What fixed step 3?");
  }

  @Test
  void durationsHaveOneFormat() {
    assertThat(Durations.format(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Durations.format(Duration.ofSeconds(245))).isEqualTo("4m 5s");
    assertThat(Durations.format(Duration.ofSeconds(3720))).isEqualTo("1h 2m");
    assertThat(Durations.format(Duration.ofHours(26).plusMinutes(5))).isEqualTo("26h 5m");
    assertThat(Durations.formatExact(Duration.ofSeconds(3723))).isEqualTo("1h 2m 3s");
    assertThat(Durations.formatExact(Duration.ofSeconds(245))).isEqualTo("4m 5s");
  }
}
