package dev.shepherd.rollout.engine;

import dev.shepherd.rollout.ChannelAudience;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.UserGroups;
import dev.shepherd.rollout.rule.ApproverCheck;
import java.util.Objects;

/**
 * Who a rollout's record takes notes and evidence from as its own: its operator, its approvers
 * (directly or through a user group), and members of its channel from the installing workspace.
 * Anyone else (a shared channel's guest from another workspace, someone not in the channel) is an
 * outsider: their note is kept, marked, and feeds nothing. Asked outside any transaction: it may
 * ask the chat.
 */
final class RolloutPeople {
  private final UserGroups groups;
  private final ChannelAudience audience;

  RolloutPeople(UserGroups groups, ChannelAudience audience) {
    this.groups = Objects.requireNonNull(groups, "groups");
    this.audience = Objects.requireNonNull(audience, "audience");
  }

  /** Whether {@code user} is one of the rollout's people. */
  boolean includes(Rollout rollout, String user, boolean fromAnotherTeam) {
    if (rollout.operator().equals(user)
        || ApproverCheck.of(rollout.approvers(), user, groups).approver()) {
      return true;
    }
    return !fromAnotherTeam && audience.isMember(rollout.thread().channel(), user);
  }
}
