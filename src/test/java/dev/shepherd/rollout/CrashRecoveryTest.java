package dev.shepherd.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcRolloutStore;
import dev.shepherd.testing.TestDatabases;
import dev.shepherd.testing.TestKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollout driven by a child JVM that is killed with SIGKILL between steps, then finished by a new
 * JVM from the same database: nothing committed is lost, nothing is done twice.
 */
@Timeout(120)
class CrashRecoveryTest {

  @Test
  void rolloutSurvivesSigkillOnAnH2File(@TempDir Path data) throws Exception {
    String url = "jdbc:h2:file:" + data.resolve("shepherd").toAbsolutePath();
    crashThenResume(url, "", "", "-");
    try (Database database = Database.open(url, "", "", null)) {
      assertCompletedWithFullTrail(database);
    }
  }

  @Test
  void rolloutSurvivesSigkillOnPostgres() throws Exception {
    assumeTrue(TestDatabases.postgresReachable(), TestDatabases.postgresSkipMessage());
    String schema = TestDatabases.newSchema();
    try {
      crashThenResume(
          TestDatabases.PG_URL, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD, schema);
      try (Database database = TestDatabases.postgres(schema)) {
        assertCompletedWithFullTrail(database);
      }
    } finally {
      TestDatabases.dropSchema(schema);
    }
  }

  private static void crashThenResume(String url, String user, String password, String schema)
      throws Exception {
    Process first = driver("start", url, user, password, schema);
    List<String> seen = readUntil(first, "WAITING");
    String rolloutId = seen.get(0).substring("ROLLOUT ".length());
    assertThat(seen).contains("DONE 1", "APPROVED 2", "DONE 2");
    first.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no clean close
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).isEqualTo(137);

    Process second = driver("resume", url, user, password, schema, rolloutId);
    List<String> resumed = readUntil(second, "STATE completed");
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).isZero();
    assertThat(resumed)
        .containsExactly("ROLLOUT " + rolloutId, "DONE 3", "DONE 4", "STATE completed");
  }

  private static void assertCompletedWithFullTrail(Database database) {
    JdbcRolloutStore store = new JdbcRolloutStore(database.dataSource(), TestKeys.KEYS);
    List<Rollout> all = new ArrayList<>();
    store
        .completed("oam-secrets", List.of("dev", "stage", "prod"))
        .forEach(run -> all.add(store.find(run.rolloutId()).orElseThrow()));
    assertThat(all)
        .singleElement()
        .satisfies(
            rollout -> {
              assertThat(rollout.state()).isEqualTo(RolloutState.COMPLETED);
              assertThat(store.trail(rollout.id()))
                  .extracting(Acknowledgement::action)
                  .containsExactly(
                      Action.START,
                      Action.DONE,
                      Action.APPROVE,
                      Action.DONE,
                      Action.DONE,
                      Action.DONE);
              assertThat(store.trail(rollout.id())).allMatch(Acknowledgement::accepted);
            });
    assertThat(store.active()).isEmpty();
  }

  private static Process driver(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                RolloutDriver.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectError(
            ProcessBuilder.Redirect.appendTo(Path.of("target", "crash-driver.log").toFile()))
        .start();
  }

  private static List<String> readUntil(Process process, String last) throws IOException {
    List<String> lines = new ArrayList<>();
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.equals("WAITING") && !last.equals("WAITING")) {
        continue;
      }
      lines.add(line);
      if (line.equals(last)) {
        break;
      }
    }
    assertThat(lines).as("the child's output").contains(last);
    if (last.equals("WAITING")) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }
}
