package dev.shepherd.system;

import static dev.shepherd.testing.ShepherdUnderTest.ALICE;
import static dev.shepherd.testing.ShepherdUnderTest.CHANNEL;
import static dev.shepherd.testing.ShepherdUnderTest.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runbook with lines no review diff shows (an allow comment left open, a bold marker, each
 * followed by 6,000 blanks): Shepherd starts healthy, a start of it is answered within 3 s, and a
 * dozen such starts leave the database pool free for a bystander's {@code /rollout status}.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileRunbookEndToEndTest {
  static final String BLANKS = " ".repeat(6_000);
  static final String HOSTILE =
      "---\nid: hostile\n---\n# Hostile\n\n## Deploy\n<!-- shepherd: allow"
          + BLANKS
          + "\n\nDeploy it to {{region}}.\n\n**"
          + BLANKS
          + "x\n\n## Check\nLook at the graphs.\n";

  @TempDir Path folder;
  ShepherdUnderTest shepherd;

  @AfterEach
  void stop() {
    if (shepherd != null) {
      shepherd.close();
    }
  }

  private void start() throws Exception {
    shepherd =
        new ShepherdUnderTest(
            folder,
            new FakeSlack(),
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            ShepherdUnderTest.CONFIG,
            Map.of("oam-secrets.md", ShepherdUnderTest.RUNBOOK, "hostile.md", HOSTILE),
            Map.of());
  }

  @Test
  void startsHealthyWithTheHostileRunbookInItsCatalog() throws Exception {
    start();

    shepherd.awaitReady();
    assertThat(shepherd.shepherd.catalog().find("hostile")).isPresent();
  }

  @Test
  void aStartOfTheHostileRunbookIsAnsweredWithin3Seconds() throws Exception {
    start();

    long began = System.nanoTime();
    HttpResponse<String> answer = shepherd.requests.command(OPERATOR, CHANNEL, "dev hostile");

    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(3));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("Starting");
  }

  @Test
  void manyStartsOfItLeaveThePoolFreeForABystander() throws Exception {
    start();
    List<CompletableFuture<HttpResponse<String>>> starts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String partition = List.of("dev", "stage", "prod").get(i % 3);
      starts.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return shepherd.requests.command(OPERATOR, CHANNEL, partition + " hostile");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }

    long began = System.nanoTime();
    HttpResponse<String> status = shepherd.requests.command(ALICE, CHANNEL, "status");

    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(3));
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).doesNotContain("Nothing was recorded");
    for (CompletableFuture<HttpResponse<String>> start : starts) {
      assertThat(start.join().statusCode()).isEqualTo(200);
    }
  }
}
