package dev.shepherd.slack.posting;

import static dev.shepherd.slack.view.ViewFixture.ALICE;
import static dev.shepherd.slack.view.ViewFixture.LOCATION;
import static dev.shepherd.slack.view.ViewFixture.ROLLOUT_ID;
import static dev.shepherd.slack.view.ViewFixture.T0;
import static dev.shepherd.slack.view.ViewFixture.actionIds;
import static dev.shepherd.slack.view.ViewFixture.forward;
import static dev.shepherd.slack.view.ViewFixture.rollout;
import static dev.shepherd.slack.view.ViewFixture.run;
import static dev.shepherd.slack.view.ViewFixture.runbook;
import static dev.shepherd.slack.view.ViewFixture.running;
import static dev.shepherd.slack.view.ViewFixture.runningWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.audit.Redaction;
import dev.shepherd.audit.Redactions;
import dev.shepherd.rollout.ChecklistState;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.rollout.Summary;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.slack.view.ViewFixture;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThreadPlanTest {
  private static final StepRun FAILED =
      run(Phase.FORWARD, 2, 2, "Deploy the stack", true, StepState.FAILED);

  private static ThreadPlan plan(
      Rollout rollout,
      List<Acknowledgement> trail,
      Optional<Summary> summary,
      List<String> keys,
      List<ChecklistState> checklist) {
    return ThreadPlan.of(
        new ThreadPlan.State(
            rollout, runbook(), true, LOCATION, trail, summary, List.of(), keys, checklist));
  }

  private static ThreadPlan plan(Rollout rollout, List<Acknowledgement> trail) {
    return plan(rollout, trail, Optional.empty(), List.of(), List.of());
  }

  private static Acknowledgement failure(int position) {
    return new Acknowledgement(
        1,
        Optional.of(ROLLOUT_ID),
        "prod",
        Optional.of(Phase.FORWARD),
        Optional.of(position),
        Action.FAIL,
        ALICE,
        T0,
        Optional.empty(),
        true,
        "");
  }

  @Test
  void aRunningRolloutHasAMessageForEveryStepPostedSoFarAndNoneForThoseToCome() {
    ThreadPlan plan = plan(running(forward(1)), List.of());

    assertThat(plan.keys()).containsExactly("step:forward:1", "step:forward:2");
    assertThat(plan.messages()).allMatch(ThreadPlan.Planned::inThread);
    assertThat(plan.message("step:forward:2").orElseThrow().text()).contains("Deploy the stack");
  }

  @Test
  void aStepsNoteCountSaysHowManyOfItsNotesWereRedacted() {
    Acknowledgement first = note(3, 1, "ACME-CORP's password");
    Acknowledgement second = note(4, 1, "looks fine");
    Acknowledgement redaction =
        new Acknowledgement(
            5,
            Optional.of(ROLLOUT_ID),
            "prod",
            Optional.empty(),
            Optional.empty(),
            Action.REDACT,
            ALICE,
            T0,
            Optional.of("key-5"),
            true,
            Redaction.encode(3, "names a customer"));

    ThreadPlan plan =
        plan(running(forward(1)), Redactions.shown(List.of(first, second, redaction)));

    assertThat(ViewFixture.blocks(plan.message("step:forward:1").orElseThrow()).toString())
        .contains(":memo: 2 notes on the record, 1 redacted (listed in the summary)")
        .doesNotContain("ACME-CORP");
    assertThat(ViewFixture.blocks(plan.message("step:forward:2").orElseThrow()).toString())
        .doesNotContain(":memo:");
  }

  private static Acknowledgement note(long id, int position, String text) {
    return new Acknowledgement(
        id,
        Optional.of(ROLLOUT_ID),
        "prod",
        Optional.of(Phase.FORWARD),
        Optional.of(position),
        Action.NOTE,
        ALICE,
        T0,
        Optional.of("key-" + id),
        true,
        text);
  }

  @Test
  void onlyTheLatestFailureOfAFailedStepKeepsItsButtons() {
    ThreadPlan plan = plan(runningWith(FAILED), List.of(failure(2), failure(2)));

    assertThat(plan.keys())
        .containsExactly(
            "step:forward:1", "step:forward:2", "failure:forward:2:1", "failure:forward:2:2");
    assertThat(actionIds(plan.message("failure:forward:2:1").orElseThrow())).isEmpty();
    assertThat(actionIds(plan.message("failure:forward:2:2").orElseThrow()))
        .contains(ActionIds.RETRY, ActionIds.ROLLBACK, ActionIds.ABORT);
  }

  @Test
  void anEndedRolloutPostsItsSummaryInTheChannelBeforeRedrawingItsSteps() {
    Rollout completed =
        rollout(RolloutState.COMPLETED, forward(4), List.of(), List.of(), Optional.empty());
    Summary summary = Summary.of(completed, List.of(), List.of("prod"));

    ThreadPlan plan = plan(completed, List.of(), Optional.of(summary), List.of(), List.of());

    assertThat(plan.keys())
        .containsExactly(
            "summary", "step:forward:1", "step:forward:2", "step:forward:3", "step:forward:4");
    assertThat(plan.messages().get(0).inThread()).isFalse();
  }

  @Test
  void aReminderTheTimersPostedLosesItsButtonsOnceTheRolloutRuns() {
    List<ChecklistState> checklist =
        List.of(
            new ChecklistState(1, "Vault exists", Optional.empty(), Optional.empty()),
            new ChecklistState(2, "On-call knows", Optional.empty(), Optional.empty()));
    Rollout scheduled =
        rollout(RolloutState.SCHEDULED, forward(-1), List.of(), List.of(), Optional.empty());

    ThreadPlan waiting =
        plan(scheduled, List.of(), Optional.empty(), List.of("root", "reminder:3600"), checklist);
    ThreadPlan started =
        plan(
            running(forward(0)),
            List.of(),
            Optional.empty(),
            List.of("root", "reminder:3600"),
            checklist);

    assertThat(waiting.keys()).containsExactly("reminder:3600");
    assertThat(started.keys()).containsExactly("reminder:3600", "step:forward:1");
    assertThat(blocks(waiting, "reminder:3600")).contains("\"actions\"");
    assertThat(blocks(started, "reminder:3600")).doesNotContain("\"actions\"");
  }

  private static String blocks(ThreadPlan plan, String key) {
    return ViewFixture.blocks(plan.message(key).orElseThrow()).toString();
  }
}
