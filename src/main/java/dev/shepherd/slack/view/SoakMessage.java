package dev.shepherd.slack.view;

import dev.shepherd.rollout.Soaks;
import java.util.List;

/** The channel message when a wave has soaked: {@code stage has soaked 1h: prod may start}. */
public final class SoakMessage {
  private SoakMessage() {}

  public static SlackMessage render(Soaks.Soaked soaked) {
    return new SlackMessage(
        soaked.text(),
        List.of(Blocks.section(":hourglass_flowing_sand: " + Mrkdwn.escape(soaked.text()))));
  }
}
