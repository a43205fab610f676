package dev.shepherd.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.testing.SignedRequests;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hundred connections trickling bodies to {@code /slack/events} do not starve Shepherd: the probe
 * and a signed command still answer within Slack's three seconds.
 */
@Timeout(60)
class SlowBodiesTest {
  @TempDir Path folder;
  ServedShepherd served;

  @BeforeEach
  void start() throws Exception {
    served = new ServedShepherd(folder);
  }

  @AfterEach
  void stop() {
    served.close();
  }

  @Test
  void hundredSlowBodiesLeaveHealthzAndASignedCommandAnsweringWithinThreeSeconds()
      throws Exception {
    try (SlowClients slow =
        new SlowClients(
            served.shepherd.port(), "/slack/events", 100, 100_000, Duration.ofMillis(250))) {
      slow.awaitTrickled(4, Duration.ofSeconds(10));

      long started = System.nanoTime();
      String healthz = served.get("/healthz");
      Duration healthzTook = Duration.ofNanos(System.nanoTime() - started);
      started = System.nanoTime();
      HttpResponse<String> command =
          served.requests.post(ServedShepherd.command("help"), SignedRequests.now());
      Duration commandTook = Duration.ofNanos(System.nanoTime() - started);

      assertThat(healthz).isEqualTo("200 ok");
      assertThat(healthzTook).isLessThan(Duration.ofSeconds(3));
      assertThat(command.statusCode()).as(command.body()).isEqualTo(200);
      assertThat(command.body()).contains("/rollout status");
      assertThat(commandTook).isLessThan(Duration.ofSeconds(3));
    }
  }
}
