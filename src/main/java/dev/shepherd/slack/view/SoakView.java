package dev.shepherd.slack.view;

import dev.shepherd.rollout.Soak;
import java.util.List;

/** The channel message when a wave has soaked: {@code stage has soaked 1h: prod may start}. */
public final class SoakView {
  private SoakView() {}

  public static SlackMessage render(Soak soaked) {
    return new SlackMessage(
        soaked.text(),
        List.of(BlockKit.section(":hourglass_flowing_sand: " + Mrkdwn.escape(soaked.text()))));
  }
}
