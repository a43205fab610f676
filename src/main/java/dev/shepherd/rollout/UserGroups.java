package dev.shepherd.rollout;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The port through which the engine asks who is in a team: wherever approvers are named, a Slack
 * user group may stand, by handle ({@code @platform-leads}) or by id ({@code S0614TZR7}). The Slack
 * adapter implements it; the engine asks at click time, outside any transaction.
 */
public interface UserGroups {
  Pattern GROUP_ID = Pattern.compile("S[A-Z0-9]{2,}");

  /** Whether an approver entry names a group rather than a person. */
  static boolean isGroup(String approver) {
    return approver.startsWith("@") || GROUP_ID.matcher(approver).matches();
  }

  /** Who is in a group now, or why that cannot be told. */
  Lookup members(String group);

  /** The answer about one group. */
  sealed interface Lookup permits Members, Unknown, Unreadable {}

  /**
   * @param users the members' user ids ({@code U…} or Enterprise Grid {@code W…})
   */
  record Members(String group, Set<String> users) implements Lookup {
    public Members {
      users = Set.copyOf(users);
    }
  }

  /** No group has this handle or id. */
  record Unknown(String group, String message) implements Lookup {}

  /** The group could not be read (a missing scope, Slack down): nobody gets through it. */
  record Unreadable(String group, String reason) implements Lookup {}

  /** For setups that name no groups: any group named is unreadable, and says why. */
  UserGroups NONE = group -> new Unreadable(group, "no Slack user group directory is set up");
}
