package dev.shepherd.rollout.rule;

import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.UserGroups;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Whether a user is among a rollout's approvers, people and groups alike, told once per request
 * before its transaction (a group's members come from Slack, and Slack is never called while rows
 * are locked).
 *
 * @param approver whether the user is an approver, directly or through a group
 * @param problem when not: the groups that could not be read, which might have let them through
 */
public record ApproverCheck(boolean approver, Optional<String> problem) {
  public static final ApproverCheck YES = new ApproverCheck(true, Optional.empty());
  public static final ApproverCheck NO = new ApproverCheck(false, Optional.empty());

  /** Asks the groups only when the user is not named directly, and stops at the first yes. */
  public static ApproverCheck of(Collection<String> approvers, String user, UserGroups groups) {
    if (approvers.contains(user)) {
      return YES;
    }
    List<String> problems = new ArrayList<>();
    boolean unreadable = false;
    boolean unknown = false;
    for (String approver : approvers) {
      if (!UserGroups.isGroup(approver)) {
        continue;
      }
      UserGroups.Lookup lookup = groups.members(approver);
      if (lookup instanceof UserGroups.Members members && members.users().contains(user)) {
        return YES;
      }
      if (lookup instanceof UserGroups.Unknown missing) {
        problems.add(missing.message());
        unknown = true;
      }
      if (lookup instanceof UserGroups.Unreadable unread) {
        problems.add("cannot read user group " + unread.group() + ": " + unread.reason());
        unreadable = true;
      }
    }
    if (problems.isEmpty()) {
      return NO;
    }
    // Slack coming back lets an unreadable group through; a group that is gone or was taken over
    // waits for the config.
    String until =
        unreadable && unknown
            ? " wait until Slack lets Shepherd read them, or the config is fixed"
            : unreadable
                ? " wait until Slack lets Shepherd read them"
                : " are refused until the config is fixed";
    return new ApproverCheck(
        false,
        Optional.of(
            String.join("; ", problems)
                + (problems.size() == 1
                    ? ". Approvals through that group"
                    : ". Approvals through those groups")
                + until));
  }

  /** The refusal when a group that could not be read might have made the user an approver. */
  public Optional<Refusal> unreadable() {
    return problem.map(
        p ->
            new Refusal(
                Refusal.Reason.GROUP_UNREADABLE, "cannot tell whether you are an approver: " + p));
  }
}
