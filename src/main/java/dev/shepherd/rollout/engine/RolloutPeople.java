package dev.shepherd.rollout.engine;

import dev.shepherd.rollout.ChannelAudience;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.UserGroups;
import dev.shepherd.rollout.access.AccessPolicy;
import dev.shepherd.rollout.rule.ApproverCheck;
import java.util.Objects;

/**
 * Who a rollout's record takes notes and evidence from as its own: its operator, its approvers
 * (directly or through a user group), its partition's operators and keepers in the config, and
 * members of its channel from the installing workspace. Anyone else (a shared channel's guest from
 * another workspace, someone not in the channel) is an outsider: their note is kept, marked, and
 * feeds nothing. Asked outside any transaction: it may ask the chat.
 */
final class RolloutPeople {
  private final UserGroups groups;
  private final ChannelAudience audience;
  private final AccessPolicy access;

  RolloutPeople(UserGroups groups, ChannelAudience audience, AccessPolicy access) {
    this.groups = Objects.requireNonNull(groups, "groups");
    this.access = Objects.requireNonNull(access, "access");
    this.audience = Objects.requireNonNull(audience, "audience");
  }

  /** Whether {@code user} is one of the rollout's people. */
  boolean includes(Rollout rollout, String user, boolean fromAnotherTeam) {
    if (rollout.operator().equals(user)
        || ApproverCheck.of(rollout.approvers(), user, groups).approver()
        || access.isNamedOperator(rollout.partition(), user, groups).approver()) {
      return true;
    }
    return !fromAnotherTeam && audience.isMember(rollout.thread().channel(), user);
  }
}
