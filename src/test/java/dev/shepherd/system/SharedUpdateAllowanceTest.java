package dev.shepherd.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Shepherd replicas on one PostgreSQL spend one chat.update allowance: each alone may send 100
 * updates a minute, the fake Slack's workspace tier takes 120, so two pacing themselves apart would
 * send up to 200 and meet 429s. Eight rollouts walked at once, clicks alternating between the
 * replicas, and the fake counts no 429 on chat.update.
 */
@Timeout(300)
class SharedUpdateAllowanceTest {
  private static final int ROLLOUTS = 8;

  @TempDir Path folder;
  @RegisterExtension static final DatabaseExtension db = DatabaseExtension.postgres();
  FakeSlack slack;
  final List<ShepherdUnderTest> replicas = new ArrayList<>();

  @AfterEach
  void stop() {
    replicas.forEach(r -> r.shepherd.close());
    if (slack != null) {
      slack.close();
    }
  }

  @Test
  void twoReplicasTogetherStayUnderTheWorkspacesUpdateTier() throws Exception {
    slack = new FakeSlack(16);
    slack.updateRateLimit(120, 5);
    Map<String, String> env =
        Map.of(
            "SHEPHERD_DB_USER",
            TestDatabases.PG_USER,
            "SHEPHERD_DB_PASSWORD",
            TestDatabases.PG_PASSWORD,
            "SHEPHERD_SLACK_UPDATES_PER_MINUTE",
            "100");
    for (int i = 0; i < 2; i++) {
      replicas.add(
          new ShepherdUnderTest(
              folder,
              slack,
              db.url(),
              FleetBenchmark.config(),
              Map.of("oam-secrets.md", ShepherdUnderTest.RUNBOOK),
              env));
    }

    ConcurrentLinkedQueue<FleetBenchmark.Click> clicks = new ConcurrentLinkedQueue<>();
    ExecutorService operators = Executors.newFixedThreadPool(ROLLOUTS);
    try {
      List<Future<?>> walks = new ArrayList<>();
      for (int i = 0; i < ROLLOUTS; i++) {
        int index = i;
        walks.add(
            operators.submit(
                () -> {
                  FleetBenchmark.walk(replicas, slack, index, clicks);
                  return null;
                }));
      }
      for (Future<?> walk : walks) {
        walk.get();
      }
    } finally {
      operators.shutdownNow();
    }
    for (int i = 0; i < ROLLOUTS; i++) {
      String cell = String.format("cell-%03d", i + 1);
      replicas.get(0).summary(cell);
    }

    long updates =
        slack.calls("chat.update").stream().filter(c -> !c.ts().startsWith("failed")).count();
    // Each root shows its rollout completed (the walks waited for it), and nobody clicks a root:
    // at least one chat.update a rollout, whatever was coalesced on the way.
    assertThat(updates)
        .as("the roots' redraws went through chat.update")
        .isGreaterThanOrEqualTo(ROLLOUTS);
    assertThat(slack.updatesLimited())
        .as("chat.update calls refused for the workspace's tier, of " + updates)
        .isZero();
  }
}
