package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.FullDisk;
import dev.shepherd.testing.ShepherdUnderTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk under H2 fills in the middle of a rollout: H2 closes its database on the failed write.
 * The click is answered in time with "nothing was recorded", {@code /readyz} says 503, and once
 * there is room again the next request opens the file anew and the rollout finishes, with no
 * restart and nothing lost.
 */
@Timeout(120)
class ClosedH2StoreTest {
  @TempDir Path folder;
  ShepherdUnderTest shepherd;

  @AfterEach
  void stop() {
    FullDisk.free();
    if (shepherd != null) {
      shepherd.close();
    }
  }

  @Test
  void aFullDiskRefusesTheClickAndTheStoreReopensOnceThereIsRoom() throws Exception {
    FullDisk.register();
    String url = "jdbc:h2:fulldisk:" + folder.resolve("data").resolve("shepherd").toAbsolutePath();
    shepherd =
        new ShepherdUnderTest(
            folder,
            new FakeSlack(),
            url,
            ShepherdUnderTest.CONFIG,
            Map.of("oam-secrets.md", ShepherdUnderTest.RUNBOOK),
            Map.of());
    assertThat(shepherd.command(OPERATOR, "dev")).startsWith("Starting");
    String thread = shepherd.root("dev").ts();
    shepherd.walk(thread, 1, 1, List.of());
    FakeSlack.Message step2 = shepherd.openStep(thread, 2);

    FullDisk.fill();
    long start = System.nanoTime();
    HttpResponse<String> click =
        shepherd.requests.click(
            OPERATOR,
            CHANNEL,
            step2.ts(),
            step2.threadTs(),
            ActionIds.DONE,
            step2.button(ActionIds.DONE).orElseThrow());
    assertThat(click.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    shepherd.slack.await(
        "the clicker is told nothing was recorded",
        calls ->
            calls.stream()
                .anyMatch(
                    c ->
                        c.method().equals("chat.postEphemeral")
                            && DatabaseOutageTest.NOT_RECORDED.equals(c.param("text"))),
        ShepherdUnderTest.WAIT);
    assertThat(shepherd.readyz()).startsWith("503 not ready\ndatabase: the database");

    FullDisk.free();
    shepherd.awaitReady();
    shepherd.walk(thread, 2, 3, List.of(ALICE));
    assertThat(shepherd.summary("dev").text()).contains("completed");
    String rolloutId = shepherd.shepherd.rollouts().completed("oam-secrets").get(0).rolloutId();
    assertThat(shepherd.shepherd.rollouts().trail(rolloutId))
        .filteredOn(Acknowledgement::accepted)
        .extracting(Acknowledgement::action)
        .containsExactly(Action.START, Action.DONE, Action.APPROVE, Action.DONE, Action.DONE);
  }
}
