package dev.shepherd.slack.view;

import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.WaveProgress;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A runbook's progress through a fleet in a few lines, one per wave: counts, with the running and
 * failed partitions linked to their threads. Sized for a section's 3000 characters at 200
 * partitions: names are counted, not listed, and links stop after a few per line.
 */
public final class FleetStatusView {
  static final int LINKS = 5;
  private static final int MAX = Limits.SECTION_TEXT;

  private FleetStatusView() {}

  /**
   * @param link a rollout's thread URL, if its thread is posted yet
   */
  public static String render(
      String runbookId,
      String revision,
      List<WaveProgress> waves,
      Function<Rollout, Optional<String>> link) {
    StringBuilder text =
        new StringBuilder("*" + Mrkdwn.escape(runbookId) + "* at " + Mrkdwn.escape(revision));
    for (WaveProgress wave : waves) {
      StringBuilder line =
          new StringBuilder("\n• *" + Mrkdwn.escape(wave.wave()) + "* (" + wave.size() + "): ");
      line.append(
          wave.done().size() == wave.size()
              ? ":white_check_mark: all done"
              : wave.done().size() + " done");
      if (!wave.running().isEmpty()) {
        line.append(" · ")
            .append(wave.running().size())
            .append(" running ")
            .append(links(wave.running(), link));
      }
      if (!wave.failed().isEmpty()) {
        line.append(" · :x: ")
            .append(wave.failed().size())
            .append(" failed ")
            .append(links(wave.failed(), link));
      }
      if (!wave.waiting().isEmpty() && wave.done().size() != wave.size()) {
        line.append(" · ").append(wave.waiting().size()).append(" waiting");
      }
      if (text.length() + line.length() > MAX - 40) {
        text.append("\n… and ").append(waves.size() - waves.indexOf(wave)).append(" more waves");
        break;
      }
      text.append(line);
    }
    return text.toString();
  }

  private static String links(List<Rollout> rollouts, Function<Rollout, Optional<String>> link) {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < Math.min(LINKS, rollouts.size()); i++) {
      Rollout rollout = rollouts.get(i);
      text.append(i == 0 ? "" : ", ")
          .append(
              link.apply(rollout)
                  .map(url -> "<" + url + "|" + rollout.partition() + ">")
                  .orElse(rollout.partition()));
    }
    if (rollouts.size() > LINKS) {
      text.append(" and ").append(rollouts.size() - LINKS).append(" more");
    }
    return text.append(')').toString();
  }
}
