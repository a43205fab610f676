package dev.shepherd.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.usergroups.UsergroupsListResponse;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import com.slack.api.model.Usergroup;
import dev.shepherd.chat.GroupPins;
import dev.shepherd.format.LogLines;
import dev.shepherd.rollout.StoreFailure;
import dev.shepherd.rollout.UserGroups;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack user groups as approvers, through {@code usergroups.list} (handles to ids, cached and
 * refreshed on an interval and on a miss) and {@code usergroups.users.list} (members, asked on
 * every click so someone removed from the group cannot approve a minute later). Needs the {@code
 * usergroups:read} scope; without it, or with Slack down, a group is unreadable and lets nobody
 * through. Thread-safe.
 *
 * <p>A handle is pinned to the id it first resolved to, in {@link GroupPins} (the database's, so
 * the pin outlives a restart and every replica holds to the same one): if {@code @platform-leads}
 * later names another group (the old one renamed or deleted and the handle taken by someone else),
 * it is refused with both ids rather than followed, since whoever took the handle would otherwise
 * choose the approvers. Pins that cannot be read make the handle unreadable, like Slack down:
 * {@link #members} never throws.
 */
public final class SlackGroupDirectory implements UserGroups {
  private static final Logger log = LoggerFactory.getLogger(SlackGroupDirectory.class);

  /** A miss refreshes the directory at most this often (a typo must not hammer Slack). */
  private static final Duration MISS_REFRESH = Duration.ofSeconds(10);

  private final MethodsClient client;
  private final Clock clock;
  private final Duration refresh;
  private final GroupPins pins;
  private Directory directory;

  /**
   * The pins this process has read or written: a pin never moves once written, so each handle is
   * asked of {@link #pins} once a process; a handle the owner re-pinned is seen after a restart.
   */
  private final Map<String, String> pinned = new ConcurrentHashMap<>();

  /** Handles to ids as Slack last listed them, or why it could not. */
  private record Directory(Map<String, String> byHandle, Optional<String> problem, Instant at) {}

  SlackGroupDirectory(MethodsClient client, Clock clock, Duration refresh, GroupPins pins) {
    this.client = client;
    this.clock = clock;
    this.refresh = refresh;
    this.pins = Objects.requireNonNull(pins, "pins");
  }

  /**
   * @param refresh how long the list of groups is trusted before it is listed again
   * @param pins where each handle's first group id is kept; a check that must not pin passes {@link
   *     GroupPins#reading}
   */
  public static SlackGroupDirectory connect(
      SlackSettings settings, Clock clock, Duration refresh, GroupPins pins) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(settings.apiUrl());
    config.setPrettyResponseLoggingEnabled(false);
    return new SlackGroupDirectory(
        Slack.getInstance(config).methods(settings.botToken()), clock, refresh, pins);
  }

  @Override
  public Lookup members(String group) {
    String id;
    if (GROUP_ID.matcher(group).matches()) {
      id = group;
    } else {
      Directory known = directory(false);
      String handle = group.substring(1);
      if (known.problem().isEmpty()
          && !known.byHandle().containsKey(handle)
          && known.at().plus(MISS_REFRESH).isBefore(clock.instant())) {
        known = directory(true);
      }
      if (known.problem().isPresent()) {
        return new Unreadable(group, known.problem().get());
      }
      if (!known.byHandle().containsKey(handle)) {
        return new Unknown(group, unknownMessage(group, known));
      }
      id = known.byHandle().get(handle);
      Optional<String> moved;
      try {
        moved = moved(group, id);
      } catch (StoreFailure e) {
        // A click is refused with the reason, as when Slack cannot be read: never let through
        // unpinned, and never failed.
        log.warn(
            "approvals through user group {} are refused: the group pins could not be read: {}",
            LogLines.escaped(group),
            LogLines.escaped(e.getMessage()));
        return new Unreadable(group, "the group pins could not be read: " + e.getMessage());
      }
      if (moved.isPresent()) {
        return new Unknown(group, moved.get());
      }
    }
    try {
      UsergroupsUsersListResponse response = client.usergroupsUsersList(r -> r.usergroup(id));
      if (response.isOk()) {
        return new Members(group, new LinkedHashSet<>(response.getUsers()));
      }
      if ("no_such_subteam".equals(response.getError())) {
        return new Unknown(group, "no Slack user group " + group + " in this workspace");
      }
      return new Unreadable(
          group, problem("usergroups.users.list", response.getError(), response.getNeeded()));
    } catch (IOException | SlackApiException e) {
      return new Unreadable(group, unreachable("usergroups.users.list", e));
    }
  }

  /**
   * The named groups Slack does not know, and the handles that now name another group than the one
   * they are pinned to, for the start-up check and {@code lint --online} (each handle Slack knows
   * is pinned, unless the pins are only read). Both empty when all are known and where they were;
   * the reason when Slack cannot be asked (then the check cannot tell, and clicks will say so).
   */
  public Check check(Collection<String> groups) {
    Directory known = directory(true);
    if (known.problem().isPresent()) {
      return new Check(Map.of(), Map.of(), known.problem());
    }
    Map<String, String> unknown = new LinkedHashMap<>();
    Map<String, String> moved = new LinkedHashMap<>();
    for (String group : groups) {
      boolean found =
          GROUP_ID.matcher(group).matches()
              ? known.byHandle().containsValue(group)
              : known.byHandle().containsKey(group.substring(1));
      if (!found) {
        unknown.put(group, unknownMessage(group, known));
      } else if (!GROUP_ID.matcher(group).matches()) {
        moved(group, known.byHandle().get(group.substring(1)))
            .ifPresent(message -> moved.put(group, message));
      }
    }
    return new Check(unknown, moved, Optional.empty());
  }

  /**
   * Pins a handle to the first id it resolves to; why it is refused when it now names another.
   *
   * @throws StoreFailure when the pins cannot be read or written
   */
  private Optional<String> moved(String group, String id) {
    // The pins are asked outside any compute of the map: their I/O must not hold the map's lock,
    // and a failure must leave no entry behind, so the next click asks again.
    String first = pinned.get(group);
    if (first == null) {
      String pin = pins.pin(group.substring(1), id);
      String raced = pinned.putIfAbsent(group, pin);
      first = raced == null ? pin : raced;
    }
    if (first.equals(id)) {
      return Optional.empty();
    }
    return Optional.of(
        "Slack user group "
            + group
            + " now names group "
            + id
            + ", not "
            + first
            + " it was pinned to when Shepherd first resolved it: someone renamed groups or took"
            + " the handle over. Name the group you mean by its id ("
            + first
            + " or "
            + id
            + ") in the config, then restart Shepherd; a handle moved on purpose is re-pinned as"
            + " docs/reference/permissions.md says");
  }

  /**
   * What the check found: a message per unknown group, one per handle that now names another group
   * than its pin, or why it could not look.
   */
  public record Check(
      Map<String, String> unknown, Map<String, String> moved, Optional<String> unreadable) {}

  private synchronized Directory directory(boolean force) {
    Instant now = clock.instant();
    if (!force
        && directory != null
        && directory.problem().isEmpty()
        && directory.at().plus(refresh).isAfter(now)) {
      return directory;
    }
    try {
      UsergroupsListResponse response = client.usergroupsList(r -> r.includeDisabled(false));
      if (response.isOk()) {
        Map<String, String> byHandle = new TreeMap<>();
        for (Usergroup group : response.getUsergroups()) {
          byHandle.put(group.getHandle(), group.getId());
        }
        directory = new Directory(byHandle, Optional.empty(), now);
      } else {
        directory =
            new Directory(
                Map.of(),
                Optional.of(problem("usergroups.list", response.getError(), response.getNeeded())),
                now);
      }
    } catch (IOException | SlackApiException e) {
      directory = new Directory(Map.of(), Optional.of(unreachable("usergroups.list", e)), now);
    }
    return directory;
  }

  private static String unknownMessage(String group, Directory known) {
    return "no Slack user group "
        + group
        + " in this workspace (it has "
        + (known.byHandle().isEmpty()
            ? "none"
            : String.join(", ", known.byHandle().keySet().stream().map(h -> "@" + h).toList()))
        + ")";
  }

  private static String problem(String method, String error, String needed) {
    if ("missing_scope".equals(error)) {
      return "Slack answered "
          + method
          + " with missing_scope: add the "
          + (needed == null ? "usergroups:read" : needed)
          + " scope to the app and reinstall it";
    }
    return "Slack answered " + method + " with " + error;
  }

  private static String unreachable(String method, Exception e) {
    if (e instanceof SlackApiException api
        && api.getResponse() != null
        && api.getResponse().code() == 429) {
      return "Slack is rate limiting "
          + method
          + ": try again in "
          + Optional.ofNullable(api.getResponse().header("Retry-After")).orElse("a few")
          + " s";
    }
    return "Slack could not be asked (" + method + ": " + e.getMessage() + ")";
  }
}
