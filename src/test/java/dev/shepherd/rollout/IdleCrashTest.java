package dev.shepherd.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcRolloutStore;
import dev.shepherd.testing.TestKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The click an approver makes after the database sat idle survives SIGKILL on an H2 file. H2 reuses
 * file space once dead chunks are older than its retention time (45 s); the first commit written
 * into reused space was lost on a crash (see {@code H2Files}). Each child JVM walks a step, idles
 * past that window, approves, and is killed 1, 5 or 20 seconds after the approval was acknowledged;
 * reopened, its database must hold the approval. The children run side by side, so the test takes
 * one idle window, not three.
 */
@Timeout(240)
class IdleCrashTest {
  /** Past H2's 45-second retention time, when space starts being reused. */
  private static final long IDLE_MS = 50_000;

  @TempDir Path data;
  private final List<Child> children = new ArrayList<>();

  /** A child left behind by a failed assertion would idle on, holding its file, for ever. */
  @AfterEach
  void killChildren() {
    children.forEach(child -> child.process.destroyForcibly());
  }

  @Test
  void anApprovalAfterAnIdleMinuteSurvivesSigkill() throws Exception {
    for (int delay : new int[] {1, 5, 20}) {
      children.add(new Child("jdbc:h2:file:" + data.resolve("killed-after-" + delay + "s"), delay));
    }
    for (Child child : children) {
      child.awaitAckThenKill();
    }
    for (Child child : children) {
      child.awaitDeath();
    }
    for (Child child : children) {
      try (Database database = Database.open(child.url, "", "", null)) {
        List<Acknowledgement> trail =
            new JdbcRolloutStore(database.dataSource(), TestKeys.KEYS).trail(child.rolloutId);
        assertThat(trail)
            .as("trail after SIGKILL %d s after the approval", child.killDelaySeconds)
            .extracting(Acknowledgement::action)
            .containsExactly(Action.START, Action.DONE, Action.APPROVE);
      }
    }
  }

  /** A driver JVM; started at once, so all of them idle at the same time. */
  private static final class Child {
    final String url;
    final int killDelaySeconds;
    final Process process;
    String rolloutId;

    Child(String url, int killDelaySeconds) throws IOException {
      this.url = url;
      this.killDelaySeconds = killDelaySeconds;
      this.process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  IdleClickDriver.class.getName(),
                  url,
                  Long.toString(IDLE_MS))
              .redirectError(
                  ProcessBuilder.Redirect.appendTo(
                      Path.of("target", "idle-crash-driver.log").toFile()))
              .start();
    }

    void awaitAckThenKill() throws Exception {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("ACKED ")) {
        // WARM, then the approval after the idle window
      }
      assertThat(line)
          .as("the driver acknowledged the approval (see target/idle-crash-driver.log)")
          .isNotNull();
      rolloutId = line.substring("ACKED ".length());
      new Thread(
              () -> {
                try {
                  // Kept: the kill lands this long after the ack, the moment under test.
                  Thread.sleep(killDelaySeconds * 1000L);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                process.destroyForcibly(); // SIGKILL on Linux
              })
          .start();
    }

    void awaitDeath() throws InterruptedException {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(137);
    }
  }
}
