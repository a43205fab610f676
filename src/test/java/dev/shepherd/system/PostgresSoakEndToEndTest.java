package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.BOB;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import dev.shepherd.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The soak timer on two replicas sharing PostgreSQL: the channel hears it once. */
@Timeout(120)
class PostgresSoakEndToEndTest {
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
  void aSoakIsAnnouncedOnceAcrossTwoReplicas() throws Exception {
    String url = db.url();
    Map<String, String> env =
        Map.of(
            "SHEPHERD_DB_USER",
            TestDatabases.PG_USER,
            "SHEPHERD_DB_PASSWORD",
            TestDatabases.PG_PASSWORD,
            "SHEPHERD_CLUSTER_CHECKIN_MS",
            "1000");
    Map<String, String> runbooks = Map.of("oam-secrets.md", ShepherdUnderTest.RUNBOOK);
    slack = new FakeSlack();
    first = new ShepherdUnderTest(folder, slack, url, FleetEndToEndTest.SOAKING, runbooks, env);
    second = new ShepherdUnderTest(folder, slack, url, FleetEndToEndTest.SOAKING, runbooks, env);

    first.command(OPERATOR, "dev oam-secrets");
    first.walk(first.root("dev").ts(), 3, List.of(BOB));
    first.summary("dev");
    assertThat(second.command(OPERATOR, "stage oam-secrets"))
        .contains(" and soaks 3s: stage may start at ");

    first.await(
        "the soak announcement",
        m -> m.isTopLevel() && m.text().equals("oam-secrets: dev has soaked 3s: stage may start"));
    // Kept: a second announcement would come from the other replica's later sweep; a marker
    // shows that some replica swept, not that each did, so each gets three sweep intervals.
    Thread.sleep(3_000); // both replicas sweep the completed rollout meanwhile
    assertThat(slack.messages()).filteredOn(m -> m.text().contains("has soaked")).hasSize(1);
    assertThat(second.command(OPERATOR, "stage oam-secrets"))
        .isEqualTo("Starting oam-secrets on stage…");
  }
}
