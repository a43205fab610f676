package dev.shepherd.chat;

import java.util.Objects;
import java.util.Optional;

/**
 * Which Slack user group each handle named when Shepherd first resolved it, kept so that a handle
 * later taken by another group is refused rather than followed: in many workspaces any member may
 * edit a group or take a freed handle, and whoever holds the handle would otherwise choose the
 * approvers. The Slack adapter asks; the store keeps the pins in the database, shared by every
 * replica and kept across restarts. A pin is never moved by Shepherd: an operator re-pins (see
 * docs/reference/permissions.md). Thread-safe.
 */
public interface GroupPins {

  /**
   * Pins {@code handle} to {@code groupId} unless it is pinned already, atomically across every
   * process sharing the pins: the first writer wins.
   *
   * @param handle Slack's handle, without the {@code @} ({@code platform-leads})
   * @param groupId the id it names now ({@code S0614TZR7})
   * @return the id the handle is pinned to: {@code groupId} when this call pinned it, else the
   *     first one
   * @throws dev.shepherd.rollout.StoreFailure when the pins cannot be read or written
   */
  String pin(String handle, String groupId);

  /**
   * The id {@code handle} is pinned to, if it is.
   *
   * @throws dev.shepherd.rollout.StoreFailure when the pins cannot be read
   */
  Optional<String> pinned(String handle);

  /**
   * These pins, read and never written: {@link #pin} answers the pin there is, or {@code groupId}
   * when there is none, and records nothing. For checks, which must not change what they check.
   */
  static GroupPins reading(GroupPins pins) {
    Objects.requireNonNull(pins, "pins");
    return new GroupPins() {
      @Override
      public String pin(String handle, String groupId) {
        return pins.pinned(handle).orElse(groupId);
      }

      @Override
      public Optional<String> pinned(String handle) {
        return pins.pinned(handle);
      }
    };
  }
}
