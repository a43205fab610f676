package dev.shepherd.slack.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Phase;
import dev.shepherd.learning.stats.RunbookStats;
import dev.shepherd.rollout.ChatThread;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.RunbookRef;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.runbook.Revision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code /rollout stats} of a large fleet and a long runbook still fits Slack's limits. */
class StatsViewTest {
  private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");

  @Test
  void aLargeFleetAndALongRunbookAreCutToWhatSlackTakes() {
    String id = "r".repeat(200);
    String title = "Rotate *every* <secret> & `key` " + "x".repeat(300);
    List<RunbookStats.Run> runs = new ArrayList<>();
    for (int p = 0; p < 80; p++) {
      runs.add(new RunbookStats.Run(completed(id, "partition-" + p, p, 60, title), List.of()));
    }

    SlackMessage message =
        StatsView.render(
            RunbookStats.of(id, runs),
            title,
            IntStream.range(0, 80).mapToObj(p -> "partition-" + p).toList(),
            100);

    BlockKitLimits.assertWithinLimits(message);
    String all = ViewFixture.blocks(message).toString();
    assertThat(all).contains("… and 40 more");
  }

  @Test
  void partitionsFollowTheChoreographyThenTheRest() {
    List<RunbookStats.Run> runs =
        List.of(
            new RunbookStats.Run(completed("oam", "prod", 0, 2, "Step"), List.of()),
            new RunbookStats.Run(completed("oam", "retired", 1, 2, "Step"), List.of()),
            new RunbookStats.Run(completed("oam", "dev", 2, 2, "Step"), List.of()));

    SlackMessage message =
        StatsView.render(RunbookStats.of("oam", runs), "OAM", List.of("dev", "stage", "prod"), 100);

    String partitions =
        ViewFixture.blocks(message)
            .get(3)
            .getAsJsonObject()
            .getAsJsonObject("text")
            .get("text")
            .getAsString();
    assertThat(partitions)
        .isEqualTo(
            "*By partition* (median of completed runs)\n"
                + "• *dev*: 1 run (1 completed), median 2m 0s\n"
                + "• *prod*: 1 run (1 completed), median 2m 0s\n"
                + "• *retired*: 1 run (1 completed), median 2m 0s");
    assertThat(message.text()).isEqualTo("Stats of oam: 3 runs, change failure rate 0% (0 of 3)");
  }

  /** A completed run of {@code steps} one-minute steps, the {@code n}th to end. */
  private static Rollout completed(
      String runbook, String partition, int n, int steps, String title) {
    Instant start = T0.plusSeconds(3600L * n);
    List<StepRun> runs = new ArrayList<>();
    for (int i = 1; i <= steps; i++) {
      runs.add(
          new StepRun(
              Phase.FORWARD,
              i,
              i,
              title + " " + i,
              false,
              false,
              StepState.DONE,
              List.of(),
              Optional.of(start.plusSeconds(60L * (i - 1))),
              Optional.of(start.plusSeconds(60L * i)),
              Optional.of("U0OP"),
              Optional.empty()));
    }
    return new Rollout(
        "r-" + n,
        new RunbookRef(runbook, runbook + ".md", title, Revision.commit("abc")),
        partition,
        "U0OP",
        ChatThread.in("C0"),
        RolloutState.COMPLETED,
        start,
        Optional.empty(),
        Optional.of(start),
        Optional.of(start.plusSeconds(60L * steps)),
        Optional.empty(),
        List.of(),
        List.of(),
        1,
        runs,
        List.of(),
        0);
  }
}
