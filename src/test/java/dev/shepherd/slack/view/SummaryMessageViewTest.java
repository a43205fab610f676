package dev.shepherd.slack.view;

import static dev.shepherd.slack.view.BlockKitLimits.assertWithinLimits;
import static dev.shepherd.slack.view.ViewFixture.ALICE;
import static dev.shepherd.slack.view.ViewFixture.BOB;
import static dev.shepherd.slack.view.ViewFixture.LOCATION;
import static dev.shepherd.slack.view.ViewFixture.ROLLOUT_ID;
import static dev.shepherd.slack.view.ViewFixture.T0;
import static dev.shepherd.slack.view.ViewFixture.rollout;
import static dev.shepherd.slack.view.ViewFixture.run;
import static dev.shepherd.slack.view.ViewFixture.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.rollout.ChoreographyOverride;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.rollout.Summary;
import dev.shepherd.runbook.Revision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummaryMessageViewTest {
  private static final String LAST =
      "prod is the last partition: latent bugs that only fire here"
          + " surface now. Is the rollback procedure ready?";

  private static Summary.StepOutcome outcome(
      int position,
      String title,
      StepState state,
      List<String> approvedBy,
      Optional<String> reason) {
    boolean finished = state != StepState.PENDING && state != StepState.POSTED;
    return new Summary.StepOutcome(
        position,
        title,
        state,
        finished ? Optional.of(ALICE) : Optional.empty(),
        finished ? Optional.of(T0.plusSeconds(60L * position)) : Optional.empty(),
        approvedBy,
        reason);
  }

  private static Acknowledgement failure(Phase phase, int position, String detail) {
    return new Acknowledgement(
        7,
        Optional.of(ROLLOUT_ID),
        "prod",
        Optional.of(phase),
        Optional.of(position),
        Action.FAIL,
        BOB,
        T0.plusSeconds(900),
        Optional.of("k1"),
        true,
        detail);
  }

  private static SlackMessage render(Summary summary) {
    SlackMessage message = SummaryMessageView.render(summary, LOCATION);
    assertWithinLimits(message);
    return message;
  }

  private static Rollout ended(
      RolloutState state, List<StepRun> rollbacks, Optional<ChoreographyOverride> override) {
    List<StepRun> steps =
        List.of(
            run(Phase.FORWARD, 1, 1, "Check for drift", false, StepState.DONE),
            run(Phase.FORWARD, 2, 2, "Deploy the stack", true, StepState.DONE),
            run(Phase.FORWARD, 3, 3, "Smoke test", false, StepState.SKIPPED),
            run(Phase.FORWARD, 4, 4, "Clean up the shared store", false, StepState.DONE));
    return rollout(state, steps, rollbacks, List.of(LAST), override);
  }

  @Test
  void completedRolloutSaysWhoWhatHowLongAndWhatIsNext() {
    Summary summary =
        new Summary(
            ended(RolloutState.COMPLETED, List.of(), Optional.empty()),
            Optional.of(Duration.ofSeconds(3725)),
            List.of(ALICE, BOB),
            List.of(
                outcome(1, "Check for drift", StepState.DONE, List.of(), Optional.empty()),
                outcome(
                    2, "Deploy the stack", StepState.DONE, List.of(ALICE, BOB), Optional.empty()),
                outcome(
                    3,
                    "Smoke test",
                    StepState.SKIPPED,
                    List.of(),
                    Optional.of("covered by <canary> & @U0BOB")),
                outcome(
                    4, "Clean up the shared store", StepState.DONE, List.of(), Optional.empty())),
            List.of(),
            List.of(),
            List.of(),
            "prod was the last partition");

    SlackMessage message = render(summary);

    List<String> texts = texts(message);
    assertThat(texts.get(0)).isEqualTo("✅ Completed: Roll out OAM secrets");
    assertThat(texts.get(1))
        .isEqualTo(
            "*Partition*\nprod | *Outcome*\ncompleted"
                + " | *Runbook*\noam-secrets @ `abc1234` | *Duration*\n1h 2m"
                + " | *Operator*\n<@U0OPERATOR> | *Approved by*\n<@U0ALICE>, <@U0BOB>");
    assertThat(texts)
        .containsSubsequence(
            ":footprints: *Steps*\n"
                + ":white_check_mark: 1. Check for drift — done by <@U0ALICE>\n"
                + ":white_check_mark: 2. Deploy the stack — done by <@U0ALICE>, approved by <@U0ALICE>, <@U0BOB>\n"
                + ":fast_forward: 3. Smoke test — skipped by <@U0ALICE>: covered by &lt;canary&gt; &amp; @\u2060U0BOB\n"
                + ":white_check_mark: 4. Clean up the shared store — done by <@U0ALICE>",
            ":warning: *Warnings shown at start*\n• " + LAST,
            ":checkered_flag: prod was the last partition");
    assertThat(message.text())
        .isEqualTo(
            "Rollout of Roll out OAM secrets on prod completed in"
                + " 1h 2m — prod was the last partition");
  }

  @Test
  void rolledBackRolloutListsFailuresTheRollbackWalkAndTheOverride() {
    List<StepRun> walk =
        List.of(
            run(Phase.ROLLBACK, 1, 2, "Deploy the stack", true, StepState.DONE),
            run(Phase.ROLLBACK, 2, 1, "Check for drift", false, StepState.DONE));
    Summary summary =
        new Summary(
            ended(
                RolloutState.ROLLED_BACK,
                walk,
                Optional.of(new ChoreographyOverride(ALICE, "hotfix for INC-42"))),
            Optional.of(Duration.ofSeconds(192)),
            List.of(ALICE),
            List.of(
                outcome(1, "Check for drift", StepState.DONE, List.of(), Optional.empty()),
                outcome(
                    2, "Deploy the stack", StepState.FAILED, List.of(ALICE), Optional.of("stuck")),
                outcome(3, "Smoke test", StepState.PENDING, List.of(), Optional.empty())),
            List.of(
                outcome(1, "Deploy the stack", StepState.DONE, List.of(), Optional.empty()),
                outcome(2, "Check for drift", StepState.DONE, List.of(), Optional.empty())),
            List.of(failure(Phase.FORWARD, 2, "UPDATE_ROLLBACK_COMPLETE <again>")),
            List.of(),
            "next: stage");

    SlackMessage message = render(summary);

    List<String> texts = texts(message);
    assertThat(texts.get(0)).isEqualTo("↩️ Rolled back: Roll out OAM secrets");
    assertThat(texts)
        .containsSubsequence(
            ":twisted_rightwards_arrows: *Started despite the choreography* by <@U0ALICE>: hotfix for INC-42",
            ":footprints: *Steps*\n"
                + ":white_check_mark: 1. Check for drift — done by <@U0ALICE>\n"
                + ":x: 2. Deploy the stack — failed by <@U0ALICE>, approved by <@U0ALICE>: stuck\n"
                + ":white_circle: 3. Smoke test — not reached",
            ":x: *Failures*\n• step 2 (Deploy the stack) failed — <@U0BOB>"
                + " <!date^1795770900^{date_short_pretty} {time}|2026-11-27 09:15 UTC>:"
                + " UPDATE_ROLLBACK_COMPLETE &lt;again&gt;",
            ":leftwards_arrow_with_hook: *Rollback walk*\n"
                + ":white_check_mark: 1. Deploy the stack — done by <@U0ALICE>\n"
                + ":white_check_mark: 2. Check for drift — done by <@U0ALICE>",
            ":arrow_right: next: stage — once oam-secrets completes on prod");
    assertThat(message.text())
        .isEqualTo(
            "Rollout of Roll out OAM secrets on prod rolled back" + " in 3m 12s — next: stage");
  }

  @Test
  void findingsAreListedTheLatentBugFirstWithAWhatFixedItButtonForTheUnexplained() {
    Rollout rollout = ended(RolloutState.COMPLETED, List.of(), Optional.empty());
    Summary summary =
        new Summary(
            rollout,
            Optional.of(Duration.ofSeconds(600)),
            List.of(ALICE),
            List.of(outcome(1, "Check for drift", StepState.DONE, List.of(), Optional.empty())),
            List.of(),
            List.of(),
            List.of(),
            "prod was the last partition");
    Revision revision = rollout.runbook().revision();
    List<RunbookFinding> findings =
        List.of(
            new RunbookFinding(
                "unmatched_symptom:1:1",
                ROLLOUT_ID,
                "oam-secrets",
                revision,
                "prod",
                T0,
                RunbookFinding.Kind.UNMATCHED_SYMPTOM,
                1,
                "Check for drift",
                "`Rate exceeded` <from> the API",
                "failed once",
                Optional.empty(),
                Optional.empty()),
            new RunbookFinding(
                "latent_bug:1:1",
                ROLLOUT_ID,
                "oam-secrets",
                revision,
                "prod",
                T0,
                RunbookFinding.Kind.LATENT_BUG,
                1,
                "Check for drift",
                "`Rate exceeded`",
                "a latent bug that only fired on prod: step 1" + " succeeded on dev, stage",
                Optional.empty(),
                Optional.empty()));

    SlackMessage message = SummaryMessageView.render(summary, findings, LOCATION);

    assertWithinLimits(message);
    assertThat(texts(message))
        .contains(
            ":bulb: *What this rollout found that the runbook does not say*\n"
                + "• :rotating_light: *A latent bug that only fired on prod: step 1 succeeded on dev, stage*\n"
                + "• Step 1 (Check for drift) failed with `Rate exceeded` &lt;from&gt; the API;"
                + " no troubleshooting row yet");
    assertThat(message.blocks().toString())
        .contains(
            "shepherd.fixed:1",
            "What fixed step 1?",
            "shepherd.propose",
            "Propose runbook changes",
            "shepherd.retro",
            "Draft retrospective");
  }

  @Test
  void abortedRolloutSaysSo() {
    Summary summary =
        new Summary(
            ended(RolloutState.ABORTED, List.of(), Optional.empty()),
            Optional.empty(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            "next: stage");

    SlackMessage message = render(summary);

    assertThat(texts(message).get(0)).isEqualTo("⛔ Aborted: Roll out OAM secrets");
    assertThat(texts(message).get(1)).contains("*Duration*\n—", "*Approved by*\nnone");
    assertThat(message.text())
        .isEqualTo("Rollout of Roll out OAM secrets on prod aborted — next: stage");
  }

  @Test
  void twoHundredStepSummaryStaysWithinSlackLimits() {
    List<StepRun> runs = new ArrayList<>();
    List<Summary.StepOutcome> outcomes = new ArrayList<>();
    List<Acknowledgement> failures = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      String title =
          "Migrate shard " + i + " of the customer <database> & its replicas " + "x".repeat(60);
      runs.add(run(Phase.FORWARD, i, i, title, true, StepState.DONE));
      outcomes.add(
          outcome(
              i,
              title,
              i % 7 == 0 ? StepState.SKIPPED : StepState.DONE,
              List.of(ALICE, BOB),
              Optional.of("r".repeat(400))));
      failures.add(failure(Phase.FORWARD, i, "timeout " + "t".repeat(300)));
    }
    Rollout rollout =
        rollout(RolloutState.COMPLETED, runs, List.of(), List.of(LAST), Optional.empty());
    Summary summary =
        new Summary(
            rollout,
            Optional.of(Duration.ofHours(30)),
            List.of(ALICE, BOB),
            outcomes,
            outcomes,
            failures,
            List.of(),
            "prod was the last partition");

    SlackMessage message = render(summary);

    List<String> texts = texts(message);
    assertThat(message.blocks()).hasSizeLessThanOrEqualTo(50);
    assertThat(texts.get(0)).isEqualTo("✅ Completed: Roll out OAM secrets");
    assertThat(texts.get(texts.size() - 2))
        .isEqualTo(":checkered_flag: prod was the last partition");
    assertThat(String.join("\n", texts))
        .contains(
            "1. Migrate shard 1 of the customer &lt;database&gt;",
            "200. Migrate shard 200 of the customer");
    assertThat(texts.get(texts.size() - 3))
        .endsWith(
            "more blocks not shown here: see the rollout's thread and `runbooks/oam-secrets.md`");
  }
}
