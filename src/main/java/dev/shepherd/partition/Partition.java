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
 *     S…}) who may approve here; a runbook may only narrow them (see {@link RunbookApprovers})
 * @param approvals how many distinct approvers each approved step needs (at least 1)
 * @param channels channel ids a rollout may be started from; empty means anywhere
 * @param line the line of the config file that declares this partition, 0 when unknown
 * @param varLines the config file line of each variable's value, for findings that point at it
 * @param operators people or groups who may start, schedule and walk rollouts here; empty means
 *     anyone on an unprotected partition and only the approvers on a protected one
 * @param runbookApprovers whether a runbook's own approvers may add to {@code approvers} here
 */
public record Partition(
    String name,
    Map<String, String> vars,
    boolean isProtected,
    List<String> approvers,
    int approvals,
    List<String> channels,
    int line,
    Map<String, Integer> varLines,
    List<String> operators,
    RunbookApprovers runbookApprovers) {

  /**
   * What a runbook's front-matter {@code approvers} may do on a partition ({@code
   * runbook_approvers:} in the config).
   */
  public enum RunbookApprovers {
    /**
     * The default: where the config names approvers or protects the partition, a runbook may only
     * name some of them; elsewhere its approvers serve as they are.
     */
    NARROW,
    /** The runbook's approvers join the partition's (the team chose to let runbooks widen). */
    ADD
  }

  public Partition {
    Objects.requireNonNull(name, "name");
    vars = Map.copyOf(vars);
    varLines = Map.copyOf(varLines);
    approvers = List.copyOf(approvers);
    channels = List.copyOf(channels);
    operators = List.copyOf(operators);
    Objects.requireNonNull(runbookApprovers, "runbookApprovers");
    if (approvals < 1) {
      throw new IllegalArgumentException("partition " + name + ": approvals must be at least 1");
    }
  }

  /** A partition with no operators of its own whose runbooks may only narrow its approvers. */
  public Partition(
      String name,
      Map<String, String> vars,
      boolean isProtected,
      List<String> approvers,
      int approvals,
      List<String> channels,
      int line,
      Map<String, Integer> varLines) {
    this(
        name,
        vars,
        isProtected,
        approvers,
        approvals,
        channels,
        line,
        varLines,
        List.of(),
        RunbookApprovers.NARROW);
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

  /**
   * Whether the config decides who approves here: the partition is protected or names approvers.
   * Then a runbook may only narrow its approvers, unless {@link RunbookApprovers#ADD}.
   */
  public boolean governsApprovers() {
    return (isProtected || !approvers.isEmpty()) && runbookApprovers == RunbookApprovers.NARROW;
  }

  /** The same partition with operators and a runbook-approvers rule of its own. */
  public Partition withAccess(List<String> operators, RunbookApprovers runbookApprovers) {
    return new Partition(
        name,
        vars,
        isProtected,
        approvers,
        approvals,
        channels,
        line,
        varLines,
        operators,
        runbookApprovers);
  }

  /** Whether a rollout may be started from this channel. */
  public boolean allowsChannel(String channelId) {
    return channels.isEmpty() || channels.contains(channelId);
  }
}
