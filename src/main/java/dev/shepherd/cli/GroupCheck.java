package dev.shepherd.cli;

import dev.shepherd.config.Config;
import dev.shepherd.config.ConfigException;
import dev.shepherd.partition.Partition;
import dev.shepherd.rollout.UserGroups;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.slack.SlackUserGroups;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, every Slack user group named as an approver must exist: a mistyped handle would
 * otherwise surface as a refused approval in the middle of a rollout. When Slack cannot be asked,
 * Shepherd starts anyway and says so; approvals through groups are refused with the reason until
 * Slack answers.
 */
final class GroupCheck {
  private static final Logger log = LoggerFactory.getLogger(GroupCheck.class);

  private final Config config;
  private final Catalog catalog;

  GroupCheck(Config config, Catalog catalog) {
    this.config = config;
    this.catalog = catalog;
  }

  /** Where each group is named: {@code config/shepherd.yaml:12: partition prod}. */
  Map<String, List<String>> named() {
    Map<String, List<String>> where = new LinkedHashMap<>();
    for (Partition partition : config.choreography().partitions()) {
      partition.approvers().stream().filter(UserGroups::isGroup).forEach(g -> where
          .computeIfAbsent(g, k -> new ArrayList<>())
          .add(config.displayPath() + ":" + partition.line() + ": partition " + partition.name()));
    }
    for (Runbook runbook : catalog.runbooks()) {
      runbook.approvers().stream().filter(UserGroups::isGroup).forEach(g -> where
          .computeIfAbsent(g, k -> new ArrayList<>())
          .add(runbook.path() + ":" + runbook.lineOf("approvers") + ": runbook " + runbook.id()));
    }
    return where;
  }

  void run(SlackUserGroups groups) {
    Map<String, List<String>> named = named();
    if (named.isEmpty()) {
      return;
    }
    SlackUserGroups.Check check = groups.check(List.copyOf(named.keySet()));
    if (check.unreadable().isPresent()) {
      log.warn("cannot check the approver groups {} now: {}; approvals through them are refused"
          + " until Slack answers", named.keySet(), check.unreadable().get());
      return;
    }
    if (check.unknown().isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>();
    check.unknown().forEach((group, message) -> {
      for (String place : named.get(group)) {
        lines.add(place + ": " + message + ": fix the approver or create the group");
      }
    });
    throw new ConfigException(String.join("\n", lines));
  }
}
