package dev.shepherd.system;

import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.slack.view.ActionIds;
import dev.shepherd.slack.view.ButtonValue;
import dev.shepherd.testing.FakeSlack;
import dev.shepherd.testing.ShepherdUnderTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Not a test: how long Shepherd takes to answer {@code /rollout} and a click while Slack's Web API
 * takes two seconds per call. Slack gives up after three seconds, so the ack must never wait for
 * the Web API. Run with {@code bench/ack.sh [rounds]}.
 */
public final class AckLatencyBenchmark {
  private AckLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    Path folder = Files.createTempDirectory("shepherd-ack-bench");
    FakeSlack slack = new FakeSlack();
    slack.delay(Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 2000));
    try (ShepherdUnderTest shepherd =
        new ShepherdUnderTest(folder, slack, "jdbc:h2:mem:ackbench;DB_CLOSE_DELAY=-1")) {
      List<Long> starts = new ArrayList<>();
      List<Long> clicks = new ArrayList<>();
      List<Long> aborts = new ArrayList<>();
      Thread.sleep(Long.getLong("bench.settle", 0));
      for (int i = 0; i < rounds + 5; i++) {
        long t0 = System.nanoTime();
        HttpResponse<String> started =
            shepherd.requests.command(
                ShepherdUnderTest.OPERATOR, ShepherdUnderTest.CHANNEL, "dev oam-secrets");
        long t1 = System.nanoTime();
        expect(started, "Starting");
        Rollout rollout = shepherd.shepherd.rollouts().active().get(0);
        String value = ButtonValue.of(rollout.id(), Phase.FORWARD, 1);
        long t2 = System.nanoTime();
        HttpResponse<String> clicked =
            shepherd.requests.click(
                ShepherdUnderTest.OPERATOR,
                ShepherdUnderTest.CHANNEL,
                "1.000001",
                "1.000001",
                ActionIds.DONE,
                value);
        long t3 = System.nanoTime();
        expect(clicked, "");
        HttpResponse<String> aborted =
            shepherd.requests.command(
                ShepherdUnderTest.OPERATOR, ShepherdUnderTest.CHANNEL, "abort dev");
        long t4 = System.nanoTime();
        expect(aborted, "Aborting");
        if (i == 0) {
          if (Boolean.getBoolean("bench.debug")) {
            System.out.println(slack.describe());
          }
          System.out.printf(
              "first request after start: /rollout %.1f ms, click %.1f ms, abort %.1f ms%n",
              ms(t1 - t0), ms(t3 - t2), ms(t4 - t3));
        }
        if (i >= 5) { // the first rounds warm the JIT up
          starts.add(t1 - t0);
          clicks.add(t3 - t2);
          aborts.add(t4 - t3);
        }
      }
      System.out.printf(
          "ack latency with a Slack Web API taking %s ms per call, %d rounds:%n",
          args.length > 1 ? args[1] : "2000", rounds);
      report("/rollout dev (start)", starts);
      report("click Done", clicks);
      report("/rollout abort dev", aborts);
    }
    System.exit(0);
  }

  private static void expect(HttpResponse<String> response, String contains) {
    if (response.statusCode() != 200 || !response.body().contains(contains)) {
      throw new IllegalStateException(
          "unexpected answer " + response.statusCode() + ": " + response.body());
    }
  }

  private static void report(String what, List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    System.out.printf(
        "  %-22s p50 %6.1f ms   p95 %6.1f ms   max %6.1f ms%n",
        what,
        ms(sorted.get(sorted.size() / 2)),
        ms(sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1)),
        ms(sorted.get(sorted.size() - 1)));
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }
}
