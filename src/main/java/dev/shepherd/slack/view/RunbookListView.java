package dev.shepherd.slack.view;

import dev.shepherd.runbook.Runbook;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The answer to {@code /rollout list}: each runbook, and where it has completed. */
public final class RunbookListView {
  private RunbookListView() {}

  /**
   * One runbook of the list.
   *
   * @param order the partitions it applies to, in rollout order
   * @param completedOn the partitions where a rollout of it completed
   */
  public record Row(Runbook runbook, List<String> order, Set<String> completedOn) {}

  public static String render(List<Row> rows) {
    if (rows.isEmpty()) {
      return "No runbooks are loaded.";
    }
    StringBuilder text = new StringBuilder("*Runbooks*");
    for (Row row : rows) {
      text.append("\n• *")
          .append(row.runbook().id())
          .append("* — ")
          .append(Mrkdwn.fromMarkdown(row.runbook().title()))
          .append(": ")
          .append(
              row.order().stream()
                  .map(p -> p + (row.completedOn().contains(p) ? " :white_check_mark:" : " ·"))
                  .collect(Collectors.joining("  ")));
    }
    return text.toString();
  }
}
