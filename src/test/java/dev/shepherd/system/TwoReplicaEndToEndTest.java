package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.BOB;
import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.rollout.CompletedRun;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale story: two Shepherd replicas on one PostgreSQL behind a load balancer that alternates
 * requests between them. A full dev → stage → prod rollout with approvals and a scheduled reminder
 * posts every message once and in order, and the audit trail is complete.
 */
@Timeout(180)
class TwoReplicaEndToEndTest {
  static final String CONFIG = ShepherdUnderTest.CONFIG + "reminders: [4s]\n";

  @TempDir Path folder;
  @RegisterExtension static final DatabaseExtension db = DatabaseExtension.postgres();
  FakeSlack slack;
  List<ShepherdUnderTest> replicas = new ArrayList<>();
  final AtomicInteger next = new AtomicInteger();

  @AfterEach
  void stop() {
    replicas.forEach(r -> r.shepherd.close());
    if (slack != null) {
      slack.close();
    }
  }

  /** The load balancer: each request goes to the next replica. */
  ShepherdUnderTest any() {
    return replicas.get(next.getAndIncrement() % replicas.size());
  }

  @Test
  void twoReplicasWalkTheWholeChoreographyPostingEachMessageOnceInOrder() throws Exception {
    String url = db.url();
    Map<String, String> env =
        Map.of(
            "SHEPHERD_DB_USER",
            TestDatabases.PG_USER,
            "SHEPHERD_DB_PASSWORD",
            TestDatabases.PG_PASSWORD,
            "SHEPHERD_CLUSTER_CHECKIN_MS",
            "1000");
    slack = new FakeSlack();
    for (int i = 0; i < 2; i++) {
      replicas.add(
          new ShepherdUnderTest(
              folder,
              slack,
              url,
              CONFIG,
              Map.of("oam-secrets.md", ShepherdUnderTest.RUNBOOK),
              env));
    }
    ShepherdUnderTest view = replicas.get(0); // finds messages in the shared fake Slack

    // dev: scheduled, reminded, started at T-0 through the other replica
    assertThat(any().command(OPERATOR, "schedule dev oam-secrets in 7s"))
        .contains("is scheduled for");
    String devThread =
        view.await("dev's announcement", m -> m.isTopLevel() && m.text().contains(" on dev ")).ts();
    view.await(
        "dev's reminder", m -> devThread.equals(m.threadTs()) && m.text().startsWith("Reminder:"));
    FakeSlack.Message due =
        view.await(
            "dev's T-0",
            m -> devThread.equals(m.threadTs()) && m.button(ActionIds.START).isPresent());
    click(OPERATOR, due, ActionIds.START);
    walk(view, devThread, List.of(BOB));
    view.summary("dev");

    for (String partition : List.of("stage", "prod")) {
      assertThat(any().command(OPERATOR, partition + " oam-secrets")).startsWith("Starting");
      String thread = view.root(partition).ts();
      walk(view, thread, partition.equals("prod") ? List.of(ALICE, BOB) : List.of(ALICE));
      view.summary(partition);
    }

    // Kept: a duplicate would come from a later sweep on either replica. Sweeps.awaitTwo shows
    // that some replica swept, not that each did, so the test gives each two sweep intervals.
    Thread.sleep(2_500); // two sweeps on each replica: nothing more may be posted
    List<FakeSlack.Call> posts =
        slack.calls("chat.postMessage").stream().filter(c -> !c.ts().startsWith("failed")).toList();
    assertThat(posts.stream().map(c -> c.param("thread_ts") + "|" + c.param("text")).toList())
        .as("every message posted once")
        .doesNotHaveDuplicates();
    for (String partition : List.of("dev", "stage", "prod")) {
      String thread = view.root(partition).ts();
      List<String> steps =
          slack.messages().stream()
              .filter(m -> thread.equals(m.threadTs()) && m.text().startsWith("Step "))
              .map(FakeSlack.Message::text)
              .toList();
      assertThat(steps).as("steps of " + partition + " in order").hasSize(3);
      assertThat(steps.get(0)).startsWith("Step 1 of 3");
      assertThat(steps.get(1)).startsWith("Step 2 of 3");
      assertThat(steps.get(2)).startsWith("Step 3 of 3");
    }
    assertThat(view.shepherd.rollouts().completed("oam-secrets"))
        .extracting(CompletedRun::partition)
        .containsExactly("dev", "stage", "prod");
    for (CompletedRun run : view.shepherd.rollouts().completed("oam-secrets")) {
      Rollout rollout = view.shepherd.rollouts().find(run.rolloutId()).orElseThrow();
      List<Acknowledgement> trail = view.shepherd.rollouts().trail(run.rolloutId());
      assertThat(trail.stream().filter(Acknowledgement::accepted).count())
          .as("audit trail of " + run.partition())
          .isEqualTo(rollout.version());
      assertThat(trail).filteredOn(a -> a.accepted() && a.action() == Action.DONE).hasSize(3);
    }
  }

  private void click(String user, FakeSlack.Message message, String action) throws Exception {
    HttpResponse<String> response =
        any()
            .requests
            .click(
                user,
                CHANNEL,
                message.ts(),
                message.threadTs(),
                action,
                message.button(action).orElseThrow());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  private void walk(ShepherdUnderTest view, String thread, List<String> approvers)
      throws Exception {
    for (int step = 1; step <= 3; step++) {
      FakeSlack.Message message = view.openStep(thread, step);
      if (message.button(ActionIds.APPROVE).isPresent()) {
        for (String approver : approvers) {
          click(approver, message, ActionIds.APPROVE);
        }
      }
      click(OPERATOR, message, ActionIds.DONE);
      String ts = message.ts();
      view.await(
          "step " + step + " done", m -> m.ts().equals(ts) && m.button(ActionIds.DONE).isEmpty());
    }
  }
}
