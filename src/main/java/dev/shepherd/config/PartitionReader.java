package dev.shepherd.config;

import dev.shepherd.partition.Partition;
import dev.shepherd.yaml.YamlNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one partition (its name, vars and rules) from YAML; shared by the config's list, the waves
 * and {@code partition_defaults:}.
 */
final class PartitionReader {
  private static final Pattern PARTITION_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
  // A list, not Set.of: messages print it, and Set.of iterates in a different order each run.
  private static final List<String> PARTITION_KEYS =
      List.of(
          "name",
          "vars",
          "protected",
          "approvers",
          "approvals",
          "channels",
          "operators",
          "runbook_approvers",
          "stall_after",
          "escalate_after",
          "soak",
          "windows",
          "blackouts");

  private final FieldReader fields;

  PartitionReader(FieldReader fields) {
    this.fields = fields;
  }

  /** A partition written as a mapping with at least a name. */
  Partition partition(YamlNode item) {
    if (!item.isMapping()) {
      throw fields.fail(item.line(), "a partition is a mapping with at least a name: - name: dev");
    }
    fields.onlyKeys(item, "partition key", PARTITION_KEYS);
    String name =
        item.get("name")
            .map(fields::scalar)
            .orElseThrow(() -> fields.fail(item.line(), "a partition needs a name"));
    checkName(name, item.line());
    return partitionBody(name, item);
  }

  /** Refuses a name that is not a partition's: {@code all}, or not lower-case and short. */
  void checkName(String name, int line) {
    if (name.equals("all")) {
      throw fields.fail(
          line, "a partition cannot be called all: /rollout freeze all means every" + " partition");
    }
    if (!PARTITION_NAME.matcher(name).matches()) {
      throw fields.fail(
          line,
          "partition name \""
              + name
              + "\" must be lower-case letters, digits, - or _ (at most 40)");
    }
  }

  /** A partition's vars and rules from a mapping (a partition's, or partition_defaults). */
  Partition partitionBody(String name, YamlNode item) {
    Map<String, String> vars = new LinkedHashMap<>();
    Map<String, Integer> varLines = new LinkedHashMap<>();
    item.get("vars")
        .ifPresent(
            node -> {
              if (!node.isMapping()) {
                throw fields.fail(
                    node.line(),
                    "vars of " + name + " must be a mapping: vars: {region: us-east-1}");
              }
              node.entries()
                  .forEach(
                      (key, entry) -> {
                        if (!entry.value().isScalar()) {
                          throw fields.fail(
                              entry.value().line(),
                              "variable " + key + " of " + name + " must be text");
                        }
                        if ("partition".equals(key)) {
                          throw fields.fail(
                              entry.key().line(),
                              "partition is always the partition's name: remove it from vars");
                        }
                        vars.put(key, entry.value().scalarText());
                        varLines.put(key, entry.value().line());
                      });
            });
    boolean isProtected = item.get("protected").map(n -> bool(n, name)).orElse(false);
    int approvals = item.get("approvals").map(n -> approvals(n, name)).orElse(1);
    return new Partition(
        name,
        vars,
        isProtected,
        item.get("approvers").map(fields::strings).orElse(List.of()),
        approvals,
        item.get("channels").map(fields::strings).orElse(List.of()),
        item.line(),
        varLines,
        item.get("operators").map(fields::strings).orElse(List.of()),
        item.get("runbook_approvers")
            .map(n -> runbookApprovers(n, name))
            .orElse(Partition.RunbookApprovers.NARROW));
  }

  private Partition.RunbookApprovers runbookApprovers(YamlNode node, String partition) {
    String text = fields.scalar(node);
    return switch (text) {
      case "narrow" -> Partition.RunbookApprovers.NARROW;
      case "add" -> Partition.RunbookApprovers.ADD;
      default ->
          throw fields.fail(
              node.line(),
              "runbook_approvers of "
                  + partition
                  + " must be narrow (the default: a runbook may name only some of the"
                  + " partition's approvers) or add (a runbook's approvers join them)");
    };
  }

  private boolean bool(YamlNode node, String partition) {
    String text = fields.scalar(node);
    if (!text.equals("true") && !text.equals("false")) {
      throw fields.fail(node.line(), "protected of " + partition + " must be true or false");
    }
    return Boolean.parseBoolean(text);
  }

  private int approvals(YamlNode node, String partition) {
    try {
      int approvals = Integer.parseInt(fields.scalar(node));
      if (approvals >= 1 && approvals <= 10) {
        return approvals;
      }
    } catch (NumberFormatException e) {
      // reported below with the line
    }
    throw fields.fail(
        node.line(), "approvals of " + partition + " must be a whole number from 1 to 10");
  }
}
