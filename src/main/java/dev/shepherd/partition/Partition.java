package dev.shepherd.partition;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One target environment of a rollout (dev, stage, prod…) with the variables its runbooks are
 * rendered with and the rules that guard it.
 *
 * @param name the partition's name, also the value of the {@code {{partition}}} variable
 * @param vars template variables for this partition, in the order the config gives them
 * @param isProtected whether every step needs an approver here
 * @param approvers Slack user ids ({@code U…}, {@code W…}) or user groups ({@code @handle}, {@code
 *     S…}) added to each runbook's approvers on this partition
 * @param approvals how many distinct approvers each approved step needs (at least 1)
 * @param channels channel ids a rollout may be started from; empty means anywhere
 * @param line the line of the config file that declares this partition, 0 when unknown
 * @param varLines the config file line of each variable's value, for findings that point at it
 */
public record Partition(
    String name,
    Map<String, String> vars,
    boolean isProtected,
    List<String> approvers,
    int approvals,
    List<String> channels,
    int line,
    Map<String, Integer> varLines) {

  public Partition {
    Objects.requireNonNull(name, "name");
    vars = Map.copyOf(vars);
    varLines = Map.copyOf(varLines);
    approvers = List.copyOf(approvers);
    channels = List.copyOf(channels);
    if (approvals < 1) {
      throw new IllegalArgumentException("partition " + name + ": approvals must be at least 1");
    }
  }

  /** A partition whose variables' lines are not known: they all point at {@code line}. */
  public Partition(
      String name,
      Map<String, String> vars,
      boolean isProtected,
      List<String> approvers,
      int approvals,
      List<String> channels,
      int line) {
    this(name, vars, isProtected, approvers, approvals, channels, line, Map.of());
  }

  /** A partition with no rules: handy for tests and for the simplest configs. */
  public static Partition of(String name, Map<String, String> vars) {
    return new Partition(name, vars, false, List.of(), 1, List.of(), 0);
  }

  /** The value of a template variable here; {@code partition} is always the partition's name. */
  public Optional<String> variable(String variable) {
    if ("partition".equals(variable)) {
      return Optional.of(name);
    }
    return Optional.ofNullable(vars.get(variable));
  }

  /** The config file line of a variable's value, else the partition's own line. */
  public int lineOf(String variable) {
    return varLines.getOrDefault(variable, line);
  }

  /** Whether a rollout may be started from this channel. */
  public boolean allowsChannel(String channelId) {
    return channels.isEmpty() || channels.contains(channelId);
  }
}
