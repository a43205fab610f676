package dev.shepherd.slack.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.rollout.ChatThread;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.RunbookRef;
import dev.shepherd.rollout.WaveProgress;
import dev.shepherd.runbook.Revision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetStatusViewTest {
  private static Rollout rollout(String partition, int n) {
    return new Rollout(
        "id-" + partition,
        new RunbookRef("oam-secrets", "oam-secrets.md", "OAM", Revision.commit("abc1234def")),
        partition,
        "U0OPERATOR",
        new ChatThread("C0DEPLOY", Optional.of("1795770000." + String.format("%06d", n))),
        RolloutState.RUNNING,
        Instant.EPOCH,
        Optional.empty(),
        Optional.of(Instant.EPOCH),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        1,
        List.of(),
        List.of(),
        1);
  }

  /** 200 partitions with the longest names the config allows, 40 running, 20 failed. */
  private static List<WaveProgress> fleet() {
    int[] sizes = {1, 9, 40, 100, 50};
    List<WaveProgress> waves = new ArrayList<>();
    int n = 0;
    for (int w = 0; w < sizes.length; w++) {
      List<String> done = new ArrayList<>();
      List<Rollout> running = new ArrayList<>();
      List<Rollout> failed = new ArrayList<>();
      List<String> waiting = new ArrayList<>();
      for (int i = 0; i < sizes[w]; i++, n++) {
        String name = String.format("customer-shard-eu-central-1-%012d", n);
        if (w < 2) {
          done.add(name);
        } else if (i < 20 && w >= 3) {
          running.add(rollout(name, n));
        } else if (i < 30 && w >= 3) {
          failed.add(rollout(name, n));
        } else {
          waiting.add(name);
        }
      }
      waves.add(
          new WaveProgress(
              "wave-" + (w + 1) + "-of-the-fleet", sizes[w], done, running, failed, waiting));
    }
    return waves;
  }

  @Test
  void twoHundredPartitionsFitOneSectionWithEveryWaveCounted() {
    String text =
        FleetStatusView.render(
            "oam-secrets",
            "abc1234",
            fleet(),
            r ->
                r.thread()
                    .threadId()
                    .map(
                        ts ->
                            "https://example.slack.com/archives/C0DEPLOY/p" + ts.replace(".", "")));

    assertThat(text.length()).isLessThanOrEqualTo(Limits.SECTION_TEXT);
    assertThat(text.lines()).hasSize(6);
    assertThat(text.lines().toList().get(1))
        .isEqualTo("• *wave-1-of-the-fleet* (1):" + " :white_check_mark: all done");
    assertThat(text.lines().toList().get(3))
        .isEqualTo("• *wave-3-of-the-fleet* (40): 0 done ·" + " 40 waiting");
    assertThat(text.lines().toList().get(4))
        .startsWith(
            "• *wave-4-of-the-fleet* (100): 0 done ·"
                + " 20 running (<https://example.slack.com/archives/C0DEPLOY/p1795770000000050|"
                + "customer-shard-eu-central-1-000000000050>, ")
        .contains(" and 15 more) · :x: 10 failed (", " and 5 more) · 70 waiting");
  }

  @Test
  void aRolloutWhoseThreadIsNotPostedYetIsNamedWithoutALink() {
    WaveProgress wave =
        new WaveProgress(
            "cells", 2, List.of(), List.of(rollout("cell-1", 1)), List.of(), List.of("cell-2"));

    assertThat(
            FleetStatusView.render("oam-secrets", "abc1234", List.of(wave), r -> Optional.empty()))
        .isEqualTo(
            "*oam-secrets* at abc1234\n• *cells* (2): 0 done · 1 running (cell-1) · 1 waiting");
  }
}
