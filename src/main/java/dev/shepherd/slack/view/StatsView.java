package dev.shepherd.slack.view;

import com.slack.api.model.block.LayoutBlock;
import dev.shepherd.format.Durations;
import dev.shepherd.learning.stats.RunbookStats;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The answer to {@code /rollout stats <runbook>}: runs per partition by how they ended, the median
 * run per partition and per step, the failure, rollback and change failure rates, and the mean time
 * to resolve a failure. Long fleets and runbooks are cut to what Slack allows.
 */
public final class StatsView {
  /** Lines of partitions or steps shown before the rest is counted instead. */
  static final int MAX_LINES = 40;

  private StatsView() {}

  /**
   * @param order the partitions in the choreography's order; others with runs follow
   * @param window how many recent runs the figures cover at most
   */
  public static SlackMessage render(
      RunbookStats stats, String title, List<String> order, int window) {
    Objects.requireNonNull(stats, "stats");
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(BlockKit.header("Stats: " + stats.runbookId()));
    blocks.add(
        BlockKit.section(
            "*"
                + Mrkdwn.fromMarkdown(title)
                + "*: "
                + (stats.runs() == 1 ? "1 run" : stats.runs() + " runs")
                + (stats.runs() >= window ? " (the latest " + window + ")" : "")));
    blocks.add(
        BlockKit.fields(
            List.of(
                "*Change failure rate*\n"
                    + rate(stats.changeFailureRate(), stats.changeFailures(), stats.runs()),
                "*Failure rate*\n" + rate(stats.failureRate(), stats.failedRuns(), stats.runs()),
                "*Rollback rate*\n"
                    + rate(stats.rollbackRate(), stats.rolledBackRuns(), stats.runs()),
                "*Mean time to resolve a failure*\n"
                    + stats
                        .meanTimeToResolve()
                        .map(
                            d ->
                                Durations.format(d)
                                    + " ("
                                    + count(stats.resolvedFailures(), "failure", "failures")
                                    + ")")
                        .orElse("no failure resolved"))));
    blocks.add(
        BlockKit.section(
            lines("*By partition* (median of completed runs)", partitions(stats, order))));
    if (!stats.steps().isEmpty()) {
      blocks.add(
          BlockKit.section(
              lines(
                  "*By step* (median of done runs, from first posting)",
                  stats.steps().stream()
                      .map(
                          s ->
                              "• "
                                  + s.runbookStep()
                                  + ". "
                                  + Mrkdwn.fromMarkdown(s.title())
                                  + ": "
                                  + Durations.format(s.median())
                                  + " ("
                                  + count(s.runs(), "run", "runs")
                                  + ")")
                      .toList())));
    }
    blocks.add(
        BlockKit.context(
            "Change failure: rolled back, or aborted after a failure."
                + " A failure is resolved when its step is done or skipped, or the rollback ends."));
    String fallback =
        "Stats of "
            + Mrkdwn.escape(stats.runbookId())
            + ": "
            + count(stats.runs(), "run", "runs")
            + ", change failure rate "
            + rate(stats.changeFailureRate(), stats.changeFailures(), stats.runs());
    return new SlackMessage(TextClips.clip(fallback, Limits.FALLBACK_TEXT), blocks);
  }

  private static List<String> partitions(RunbookStats stats, List<String> order) {
    Set<String> names = new LinkedHashSet<>(order);
    stats.partitions().forEach(p -> names.add(p.partition()));
    List<String> lines = new ArrayList<>();
    for (String name : names) {
      stats
          .partition(name)
          .ifPresent(
              p -> {
                List<String> ends = new ArrayList<>();
                if (p.completed() > 0) {
                  ends.add(p.completed() + " completed");
                }
                if (p.rolledBack() > 0) {
                  ends.add(p.rolledBack() + " rolled back");
                }
                if (p.aborted() > 0) {
                  ends.add(p.aborted() + " aborted");
                }
                lines.add(
                    "• *"
                        + Mrkdwn.escape(name)
                        + "*: "
                        + count(p.runs(), "run", "runs")
                        + " ("
                        + String.join(", ", ends)
                        + ")"
                        + p.medianDuration()
                            .map(d -> ", median " + Durations.format(d))
                            .orElse(""));
              });
    }
    return lines;
  }

  private static String lines(String heading, List<String> lines) {
    StringBuilder text = new StringBuilder(heading);
    lines.stream().limit(MAX_LINES).forEach(line -> text.append('\n').append(line));
    if (lines.size() > MAX_LINES) {
      text.append("\n… and ").append(lines.size() - MAX_LINES).append(" more");
    }
    return TextClips.clip(text.toString(), Limits.SECTION_TEXT);
  }

  private static String rate(OptionalDouble rate, int count, int runs) {
    return rate.isEmpty()
        ? "—"
        : Math.round(rate.getAsDouble() * 100) + "% (" + count + " of " + runs + ")";
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** {@code /rollout stats <runbook>} named no runbook there is: the ones there are. */
  public static SlackMessage unknownRunbook(String runbook, List<String> runbooks) {
    return SlackMessage.ofText(
        runbooks.isEmpty()
            ? ":question: no runbook " + Mrkdwn.escape(runbook) + ": no runbooks are loaded"
            : ":question: no runbook "
                + Mrkdwn.escape(runbook)
                + "; the runbooks are "
                + runbooks.stream()
                    .map(r -> "`" + Mrkdwn.escape(r) + "`")
                    .collect(Collectors.joining(", ")));
  }

  /** The runbook has no ended rollout yet, so no figures. */
  public static SlackMessage noHistory(String runbook) {
    return SlackMessage.ofText(
        Mrkdwn.escape(runbook)
            + " has no history yet: its figures"
            + " come once a rollout of it ends (`/rollout <partition> "
            + Mrkdwn.escape(runbook)
            + "` starts one)");
  }
}
