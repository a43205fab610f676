package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Shepherd replicas, two Quartz schedulers, one PostgreSQL: twenty scheduled rollouts get every
 * reminder exactly once, and when one replica goes away the other delivers the rest.
 */
@Timeout(180)
class PostgresClusteredScheduleTest {
  static final int ROLLOUTS = 20;

  @TempDir Path folder;
  @RegisterExtension static final DatabaseExtension db = DatabaseExtension.postgres();
  FakeSlack slack;
  ShepherdUnderTest first;
  ShepherdUnderTest second;

  @AfterEach
  void stop() {
    if (first != null) {
      first.shepherd.close();
    }
    if (second != null) {
      second.shepherd.close();
    }
    if (slack != null) {
      slack.close();
    }
  }

  @Test
  void everyReminderOnceAcrossTwoReplicasEvenWhenOneGoesAway() throws Exception {
    String url = db.url();
    // One wave: each runbook has its own partition, and none waits for another's.
    StringBuilder config =
        new StringBuilder("runbooks: ./runbooks\nwaves:\n  - name: all\n    partitions:\n");
    Map<String, String> runbooks = new LinkedHashMap<>();
    for (int i = 1; i <= ROLLOUTS; i++) {
      String n = String.format("%02d", i);
      config.append("      - name: p").append(n).append('\n');
      runbooks.put(
          "rb" + n + ".md",
          "---\nid: rb"
              + n
              + "\npartitions: [p"
              + n
              + "]\n"
              + "approvers: [U0ALICE]\nchecklist:\n  - on-call knows\n---\n# Runbook "
              + n
              + "\n\n## Step 1: Only step\nDo it.\n");
    }
    config.append("reminders: [7s, 4s]\n");
    Map<String, String> env =
        Map.of(
            "SHEPHERD_DB_USER",
            TestDatabases.PG_USER,
            "SHEPHERD_DB_PASSWORD",
            TestDatabases.PG_PASSWORD,
            "SHEPHERD_CLUSTER_CHECKIN_MS",
            "1000");
    slack = new FakeSlack();
    // Replicas share one runbooks folder, as pods share one image and one git revision.
    first = new ShepherdUnderTest(folder, slack, url, config.toString(), runbooks, env);
    second = new ShepherdUnderTest(folder, slack, url, config.toString(), runbooks, env);

    for (int i = 1; i <= ROLLOUTS; i++) {
      String n = String.format("%02d", i);
      ShepherdUnderTest replica = i % 2 == 0 ? second : first;
      assertThat(
              replica.command(OPERATOR, "schedule p" + n + " rb" + n + " in " + (11 + i / 4) + "s"))
          .contains("is scheduled for");
    }
    slack.await("the first reminders", calls -> reminders().size() >= 4, Duration.ofSeconds(30));
    first.shepherd.close(); // one replica goes away mid-way
    first = null;

    slack.await(
        "every T-0 message",
        calls ->
            slack.messages().stream().filter(m -> m.button(ActionIds.START).isPresent()).count()
                == ROLLOUTS,
        Duration.ofSeconds(60));
    // Kept: a reminder fired twice would come from the surviving replica recovering the gone
    // one's triggers; no later trigger is left to wait for, so it gets two check-in intervals.
    Thread.sleep(2_000);
    Map<String, Long> perRollout =
        reminders().stream()
            .collect(
                Collectors.groupingBy(m -> m.threadTs() + " " + m.text(), Collectors.counting()));
    assertThat(perRollout).hasSize(2 * ROLLOUTS);
    assertThat(perRollout.values()).containsOnly(1L);
    assertThat(slack.messages().stream().filter(m -> m.button(ActionIds.START).isPresent()).count())
        .isEqualTo(ROLLOUTS);
  }

  private List<FakeSlack.Message> reminders() {
    return slack.messages().stream().filter(m -> m.text().startsWith("Reminder:")).toList();
  }
}
