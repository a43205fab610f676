package dev.shepherd.rollout.access;

import dev.shepherd.partition.Choreography;
import dev.shepherd.partition.Partition;
import dev.shepherd.rollout.UserGroups;
import dev.shepherd.rollout.rule.ApproverCheck;
import dev.shepherd.runbook.Runbook;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may approve, operate, freeze, override, dismiss and push, answered from the config; a runbook
 * may only narrow who approves its steps. Immutable and thread-safe; asking about a Slack user
 * group goes to {@link UserGroups}, so callers ask before their transaction.
 *
 * <ul>
 *   <li>Approvals a step needs: the partition's, raised (never lowered) by the runbook's {@code
 *       approvals}.
 *   <li>Approvers of a runbook's steps: on a partition that is protected or names approvers, the
 *       runbook's approvers must be some of the partition's (else {@link #extraApprovers} names the
 *       others and the start is refused); with none, the partition's serve. Elsewhere, or with
 *       {@code runbook_approvers: add}, the runbook's and the partition's together.
 *   <li>Keepers of a partition (freeze, unfreeze, override its order, dismiss findings, push a
 *       proposal branch): its configured approvers; a partition naming none falls back to the
 *       fleet's keepers.
 *   <li>Fleet keepers ({@code freeze all}): {@code freeze_all_approvers}, else the approvers of the
 *       protected partitions, else of every partition.
 *   <li>Operators (start, schedule, walk): the partition's {@code operators} and its keepers; with
 *       no operators, anyone on an unprotected partition, only its approvers on a protected one.
 * </ul>
 */
public final class AccessPolicy {
  private final Choreography choreography;
  private final List<String> freezeAllApprovers;
  private final Duration scheduleHorizon;

  /**
   * @param freezeAllApprovers who may pull the fleet-wide switch; empty: the protected partitions'
   *     approvers
   * @param scheduleHorizon how far ahead a rollout may be scheduled
   */
  public AccessPolicy(
      Choreography choreography, List<String> freezeAllApprovers, Duration scheduleHorizon) {
    this.choreography = Objects.requireNonNull(choreography, "choreography");
    this.freezeAllApprovers = List.copyOf(freezeAllApprovers);
    this.scheduleHorizon = Objects.requireNonNull(scheduleHorizon, "scheduleHorizon");
    if (scheduleHorizon.isNegative() || scheduleHorizon.isZero()) {
      throw new IllegalArgumentException("the schedule horizon must be positive");
    }
  }

  /** The defaults: the protected partitions' approvers pull the switch; 14 days ahead at most. */
  public static AccessPolicy of(Choreography choreography) {
    return new AccessPolicy(choreography, List.of(), Duration.ofDays(14));
  }

  public Duration scheduleHorizon() {
    return scheduleHorizon;
  }

  /**
   * The approvers a runbook names that a partition does not, where the config decides who approves
   * there: a runbook may narrow, never widen. Empty when the runbook may start there.
   */
  public static List<String> extraApprovers(Runbook runbook, Partition partition) {
    if (!partition.governsApprovers()) {
      return List.of();
    }
    return runbook.approvers().stream().filter(a -> !partition.approvers().contains(a)).toList();
  }

  /**
   * Why a runbook may not start on a partition because it names approvers the partition lacks,
   * without a place: callers put the file and line before it.
   */
  public static String wideningMessage(Runbook runbook, Partition partition, List<String> extra) {
    return "runbook "
        + runbook.id()
        + " names approver"
        + (extra.size() == 1 ? " " : "s ")
        + String.join(", ", extra)
        + ", not "
        + (extra.size() == 1 ? "an approver" : "approvers")
        + " of "
        + partition.name()
        + " in the config: a runbook may only name some of the partition's approvers ("
        + (partition.approvers().isEmpty() ? "none" : String.join(", ", partition.approvers()))
        + "); add "
        + (extra.size() == 1 ? "it" : "them")
        + " to "
        + partition.name()
        + "'s approvers, remove "
        + (extra.size() == 1 ? "it" : "them")
        + " from the runbook, or set runbook_approvers: add on "
        + partition.name();
  }

  /**
   * Who may approve a runbook's steps on a partition. Where {@link #extraApprovers} is not empty
   * the start is refused; this answers the narrowed set regardless (the runbook's named ones that
   * the partition has).
   */
  public static Set<String> approvers(Runbook runbook, Partition partition) {
    Set<String> approvers = new LinkedHashSet<>();
    if (!partition.governsApprovers()) {
      approvers.addAll(runbook.approvers());
      approvers.addAll(partition.approvers());
      return approvers;
    }
    for (String approver : runbook.approvers()) {
      if (partition.approvers().contains(approver)) {
        approvers.add(approver);
      }
    }
    return approvers.isEmpty() ? new LinkedHashSet<>(partition.approvers()) : approvers;
  }

  /**
   * How many distinct approvals each approved step of a runbook needs on a partition: the
   * partition's, or more when the runbook's front matter asks for more. A runbook never lowers it.
   */
  public static int approvals(Runbook runbook, Partition partition) {
    return Math.max(partition.approvals(), runbook.approvals());
  }

  /**
   * Why no step of a runbook that needs approval could ever be finished on a partition: fewer
   * people may approve it there than {@link #approvals} asks for. Empty when enough may, when no
   * step needs approval there, or when a Slack user group is among the approvers (its members are
   * counted only when a click asks).
   */
  public static Optional<String> quorumShortfall(Runbook runbook, Partition partition) {
    Set<String> approvers = approvers(runbook, partition);
    int needed = approvals(runbook, partition);
    boolean needsApproval =
        partition.isProtected()
            || runbook.steps().stream().anyMatch(dev.shepherd.runbook.Step::approvalRequired);
    if (!needsApproval
        || approvers.size() >= needed
        || approvers.stream().anyMatch(UserGroups::isGroup)) {
      return Optional.empty();
    }
    return Optional.of(
        "its steps that need approval need "
            + needed
            + " distinct approvers ("
            + (runbook.approvals() > partition.approvals()
                ? "the runbook's approvals: " + needed
                : partition.name() + "'s approvals: " + needed)
            + ") but only "
            + approvers.size()
            + " may approve there ("
            + (approvers.isEmpty() ? "nobody" : String.join(", ", approvers))
            + "): add approvers to "
            + (partition.governsApprovers() ? "" : "the runbook's front matter or to ")
            + partition.name()
            + " in the config"
            + (runbook.approvals() > partition.approvals()
                ? ", or ask for fewer in the runbook's approvals"
                : ""));
  }

  /**
   * Who may freeze and unfreeze a partition, override its order, dismiss findings of its rollouts
   * and push proposal branches for them: its configured approvers, else the fleet's keepers. Never
   * a runbook's.
   */
  public Set<String> keepers(Partition partition) {
    return partition.approvers().isEmpty()
        ? fleetKeepers()
        : new LinkedHashSet<>(partition.approvers());
  }

  /** Who may freeze and unfreeze every partition at once. */
  public Set<String> fleetKeepers() {
    if (!freezeAllApprovers.isEmpty()) {
      return new LinkedHashSet<>(freezeAllApprovers);
    }
    Set<String> approvers = new LinkedHashSet<>();
    choreography.partitions().stream()
        .filter(Partition::isProtected)
        .forEach(p -> approvers.addAll(p.approvers()));
    if (approvers.isEmpty()) {
      choreography.partitions().forEach(p -> approvers.addAll(p.approvers()));
    }
    return approvers;
  }

  /**
   * Who may start, schedule and walk a runbook on a partition; empty when anyone may (an
   * unprotected partition without operators).
   */
  public Optional<Set<String>> operators(Runbook runbook, Partition partition) {
    if (partition.operators().isEmpty() && !partition.isProtected()) {
      return Optional.empty();
    }
    Set<String> operators = new LinkedHashSet<>(partition.operators());
    operators.addAll(partition.approvers());
    if (!partition.governsApprovers()) {
      // runbook_approvers: add, or a protected partition naming none: the approvers who serve.
      operators.addAll(approvers(runbook, partition));
    }
    return Optional.of(operators);
  }

  /** Whether a user may start, schedule or walk a runbook on a partition (groups asked). */
  public ApproverCheck mayOperate(
      Runbook runbook, Partition partition, String user, UserGroups groups) {
    return operators(runbook, partition)
        .map(who -> ApproverCheck.of(who, user, groups))
        .orElse(ApproverCheck.YES);
  }

  /** Whether a user is a keeper of a partition (groups asked). */
  public ApproverCheck isKeeper(Partition partition, String user, UserGroups groups) {
    return ApproverCheck.of(keepers(partition), user, groups);
  }

  /** Whether a user is a keeper of a partition by its name; nobody is of an unknown one. */
  public ApproverCheck isKeeper(String partition, String user, UserGroups groups) {
    return choreography
        .find(partition)
        .map(p -> isKeeper(p, user, groups))
        .orElse(ApproverCheck.NO);
  }

  /**
   * Whether a user is named in the config as one of a partition's operators or keepers (groups
   * asked): someone the team trusts with it, whatever any runbook says. Nobody is, of an unknown
   * partition; the "anyone" of an unprotected partition without operators names nobody.
   */
  public ApproverCheck isNamedOperator(String partition, String user, UserGroups groups) {
    return choreography
        .find(partition)
        .map(
            p -> {
              Set<String> named = new LinkedHashSet<>(p.operators());
              named.addAll(keepers(p));
              return ApproverCheck.of(named, user, groups);
            })
        .orElse(ApproverCheck.NO);
  }

  /** Whether a user may pull the fleet-wide switch (groups asked). */
  public ApproverCheck isFleetKeeper(String user, UserGroups groups) {
    return ApproverCheck.of(fleetKeepers(), user, groups);
  }
}
