package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.BOB;
import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static dev.shepherd.testing.ShepherdUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled rollouts and stalled steps through the real Quartz scheduler, with second-scale
 * offsets, a fake Slack and signed requests.
 */
@Timeout(120)
class ScheduleEndToEndTest {
  static final String CONFIG =
      ShepherdUnderTest.CONFIG
          + """
      timezone: UTC
      reminders: [5s, 3s]
      stall_after: 2s
      escalate_after: 4s
      """;

  @TempDir Path folder;
  ShepherdUnderTest shepherd;

  void start(String dbUrl) throws Exception {
    shepherd =
        new ShepherdUnderTest(
            folder,
            new FakeSlack(),
            dbUrl,
            CONFIG,
            Map.of("oam-secrets.md", ShepherdUnderTest.RUNBOOK),
            Map.of());
  }

  @AfterEach
  void stop() {
    if (shepherd != null) {
      shepherd.close();
    }
  }

  static String memory() {
    return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  List<FakeSlack.Message> reminders(String thread) {
    return shepherd.slack.messages().stream()
        .filter(m -> thread.equals(m.threadTs()) && m.text().startsWith("Reminder:"))
        .toList();
  }

  @Test
  void remindersArriveInOrderWithTheChecklistThenTimeToStartWithAStartButton() throws Exception {
    start(memory());

    String answer = shepherd.command(OPERATOR, "schedule dev oam-secrets in 7s");

    assertThat(answer).contains("oam-secrets on dev is scheduled for <!date^");
    FakeSlack.Message root =
        shepherd.await("the announcement", m -> m.isTopLevel() && m.text().contains(" on dev "));
    assertThat(root.allText()).contains("Vault Arda-DevOAM exists");
    FakeSlack.Message due =
        shepherd.await(
            "the T-0 message",
            m -> root.ts().equals(m.threadTs()) && m.button(ActionIds.START).isPresent());
    List<FakeSlack.Message> reminders = reminders(root.ts());
    assertThat(reminders)
        .extracting(FakeSlack.Message::text)
        .containsExactly(
            "Reminder: Roll out OAM secrets on dev starts in 5s; 1 checklist item open",
            "Reminder: Roll out OAM secrets on dev starts in 3s; 1 checklist item open");
    assertThat(reminders.get(0).blocks().toString())
        .contains("\"type\":\"checkboxes\"", "Vault Arda-DevOAM exists");
    assertThat(due.allText())
        .contains("Time to start", "Checklist items still open", "Vault Arda-DevOAM exists");

    shepherd.click(OPERATOR, due, ActionIds.START);

    shepherd.openStep(root.ts(), 1);
    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);
    assertThat(rollout.state()).isEqualTo(RolloutState.RUNNING);
    assertThat(rollout.warnings())
        .contains("checklist items still open at start: Vault Arda-DevOAM exists");
    assertThat(shepherd.shepherd.rollouts().trail(rollout.id()))
        .extracting(Acknowledgement::action)
        .containsExactly(Action.SCHEDULE, Action.DUE, Action.BEGIN);
  }

  @Test
  void aTickIsRecordedOnceOnADoubleClickAndShowsWhoTickedIt() throws Exception {
    start(memory());
    shepherd.command(OPERATOR, "schedule dev oam-secrets in 8s");
    FakeSlack.Message root =
        shepherd.await("the announcement", m -> m.isTopLevel() && m.text().contains(" on dev "));
    FakeSlack.Message reminder =
        shepherd.await(
            "the first reminder",
            m -> root.ts().equals(m.threadTs()) && m.text().startsWith("Reminder:"));
    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);
    String actionTs = shepherd.requests.nextActionTs();

    shepherd.requests.tick(
        BOB,
        CHANNEL,
        reminder.ts(),
        root.ts(),
        "checklist:" + rollout.id(),
        List.of("1"),
        actionTs);
    shepherd.requests.tick(
        BOB,
        CHANNEL,
        reminder.ts(),
        root.ts(),
        "checklist:" + rollout.id(),
        List.of("1"),
        actionTs);

    shepherd.await(
        "the reminder showing the tick",
        m -> m.ts().equals(reminder.ts()) && m.allText().contains("ticked by <@U0BOB>"));
    assertThat(shepherd.shepherd.rollouts().trail(rollout.id()))
        .filteredOn(a -> a.action() == Action.TICK)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.user()).isEqualTo(BOB);
              assertThat(a.detail()).isEqualTo("Vault Arda-DevOAM exists");
              assertThat(a.accepted()).isTrue();
            });
    FakeSlack.Message due =
        shepherd.await(
            "the T-0 message",
            m -> root.ts().equals(m.threadTs()) && m.button(ActionIds.START).isPresent());
    assertThat(due.allText()).doesNotContain("Checklist items still open");
  }

  @Test
  void aChecklistOfMoreThanTenItemsIsTickedGroupByGroup() throws Exception {
    StringBuilder items = new StringBuilder();
    for (int i = 1; i <= 12; i++) {
      items.append("  - Item ").append(i).append(" is ready\n");
    }
    String runbook =
        ShepherdUnderTest.RUNBOOK.replace(
            "checklist:\n  - Vault {{vault}} exists\n", "checklist:\n" + items);
    assertThat(runbook).contains("Item 12 is ready");
    shepherd =
        new ShepherdUnderTest(
            folder, new FakeSlack(), memory(), CONFIG, Map.of("oam-secrets.md", runbook), Map.of());
    shepherd.command(OPERATOR, "schedule dev oam-secrets in 8s");
    FakeSlack.Message root =
        shepherd.await("the announcement", m -> m.isTopLevel() && m.text().contains(" on dev "));
    FakeSlack.Message reminder =
        shepherd.await(
            "the first reminder",
            m -> root.ts().equals(m.threadTs()) && m.text().startsWith("Reminder:"));
    Rollout rollout = shepherd.shepherd.rollouts().active().get(0);
    String block = "checklist:" + rollout.id();

    shepherd.requests.tick(
        BOB,
        CHANNEL,
        reminder.ts(),
        root.ts(),
        block,
        "shepherd.tick",
        List.of("1"),
        shepherd.requests.nextActionTs());
    // The second element sends only its own boxes: item 1 stays ticked.
    shepherd.requests.tick(
        BOB,
        CHANNEL,
        reminder.ts(),
        root.ts(),
        block,
        "shepherd.tick:1",
        List.of("12"),
        shepherd.requests.nextActionTs());

    shepherd.await(
        "the reminder showing both ticks",
        m -> m.ts().equals(reminder.ts()) && m.allText().contains("Still open:* 10 of 12"));
    assertThat(shepherd.shepherd.rollouts().trail(rollout.id()))
        .filteredOn(a -> a.action() == Action.TICK || a.action() == Action.UNTICK)
        .extracting(a -> a.action() + " " + a.detail())
        .containsExactly("TICK Item 1 is ready", "TICK Item 12 is ready");
  }

  @Test
  void aCancelledScheduleSendsNothingMore() throws Exception {
    start(memory());
    shepherd.command(OPERATOR, "schedule dev oam-secrets in 6s");
    FakeSlack.Message root =
        shepherd.await("the announcement", m -> m.isTopLevel() && m.text().contains(" on dev "));

    assertThat(shepherd.command(ALICE, "unschedule dev")).contains("is cancelled");
    assertThat(shepherd.shepherd.rollouts().active()).isEmpty();

    // The marker: the freed partition scheduled again, due a second after the cancelled T-0.
    // Once its T-0 message is posted, every moment of the cancelled schedule has passed.
    assertThat(shepherd.command(OPERATOR, "schedule dev oam-secrets in 7s"))
        .contains("is scheduled for");
    FakeSlack.Message marker =
        shepherd.await(
            "the second announcement",
            m -> m.isTopLevel() && m.text().contains(" on dev ") && !m.ts().equals(root.ts()));
    shepherd.await(
        "the second schedule's T-0",
        m -> marker.ts().equals(m.threadTs()) && m.button(ActionIds.START).isPresent());
    assertThat(reminders(root.ts())).isEmpty();
    assertThat(shepherd.slack.messages())
        .filteredOn(m -> m.button(ActionIds.START).isPresent())
        .extracting(FakeSlack.Message::threadTs)
        .containsExactly(marker.ts());
    assertThat(shepherd.slack.messages())
        .filteredOn(FakeSlack.Message::isTopLevel)
        .extracting(FakeSlack.Message::ts)
        .containsExactly(root.ts(), marker.ts());
    assertThat(shepherd.shepherd.rollouts().active())
        .singleElement()
        .satisfies(r -> assertThat(r.thread().threadId()).contains(marker.ts()));
  }

  @Test
  void schedulingInThePastOrUnreadableTimeIsRefusedWithExamples() throws Exception {
    start(memory());

    assertThat(shepherd.command(OPERATOR, "schedule dev oam-secrets 2020-01-01T10:00Z"))
        .contains("is in the past");
    assertThat(shepherd.command(OPERATOR, "schedule dev oam-secrets tomorrow"))
        .contains("cannot read \"tomorrow\" as a time", "in 90m", "(in UTC)");
    assertThat(shepherd.shepherd.rollouts().active()).isEmpty();
  }

  @Test
  void aReminderMissedWhileDownFiresOnceOnRestartBeforeTZero(@TempDir Path data) throws Exception {
    start("jdbc:h2:file:" + data.resolve("shepherd").toAbsolutePath());
    shepherd.command(OPERATOR, "schedule dev oam-secrets in 12s");
    FakeSlack.Message root =
        shepherd.await("the announcement", m -> m.isTopLevel() && m.text().contains(" on dev "));

    shepherd.stop();
    Thread.sleep(8_000); // the 5s reminder's moment (T-7s… T-5s) passes while Shepherd is down
    shepherd.start();

    shepherd.await(
        "a reminder after the restart",
        m -> root.ts().equals(m.threadTs()) && m.text().startsWith("Reminder:"));
    shepherd.await(
        "the T-0 message",
        m -> root.ts().equals(m.threadTs()) && m.button(ActionIds.START).isPresent());
    assertThat(reminders(root.ts()))
        .hasSize(2)
        .extracting(FakeSlack.Message::text)
        .doesNotHaveDuplicates();
  }

  @Test
  void aStalledStepIsNudgedThenEscalatedThenSilentOnceActedOn() throws Exception {
    start(memory());
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    FakeSlack.Message step1 = shepherd.openStep(thread, 1);

    FakeSlack.Message nudge =
        shepherd.await(
            "a nudge in the thread",
            m -> thread.equals(m.threadTs()) && m.text().contains("has waited"));
    assertThat(nudge.allText()).contains("<@U0OPERATOR>");
    FakeSlack.Message escalation =
        shepherd.await(
            "the escalation in the channel",
            m -> m.isTopLevel() && m.text().startsWith("Stalled:"));
    assertThat(escalation.allText()).contains("https://slack.com/archives/C0DEPLOYS/p");

    shepherd.click(OPERATOR, step1, ActionIds.DONE);
    FakeSlack.Message step2 = shepherd.openStep(thread, 2);
    shepherd.click(BOB, step2, ActionIds.APPROVE);
    shepherd.click(OPERATOR, step2, ActionIds.DONE);
    shepherd.click(OPERATOR, shepherd.openStep(thread, 3), ActionIds.DONE);
    shepherd.summary("dev");

    // The marker: a later rollout left alone until it is escalated. Its step was posted after
    // dev's steps were acted on, so by its escalation any nudge still owed to dev was due.
    assertThat(shepherd.command(OPERATOR, "stage oam-secrets")).startsWith("Starting");
    shepherd.await(
        "stage's escalation",
        m -> m.isTopLevel() && m.text().startsWith("Stalled: step 1 of oam-secrets on stage "));
    assertThat(shepherd.slack.messages())
        .filteredOn(m -> m.text().contains("has waited") && m.text().contains(" on dev "))
        .hasSize(2);
  }

  @Test
  void aStepWaitingForApprovalNudgesTheApproversToo() throws Exception {
    start(memory());
    shepherd.command(OPERATOR, "dev oam-secrets");
    String thread = shepherd.root("dev").ts();
    shepherd.click(OPERATOR, shepherd.openStep(thread, 1), ActionIds.DONE);
    shepherd.openStep(thread, 2);

    FakeSlack.Message nudge =
        shepherd.await(
            "a nudge for step 2",
            m ->
                thread.equals(m.threadTs())
                    && m.text().startsWith("Step 2 of oam-secrets on dev has waited"));

    assertThat(nudge.allText())
        .contains("<@U0OPERATOR>", "<@U0ALICE>", "<@U0BOB>", "needs 1 approval");
    assertThat(WAIT).isGreaterThan(Duration.ofSeconds(5));
  }
}
