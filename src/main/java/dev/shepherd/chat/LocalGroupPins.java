package dev.shepherd.chat;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pins held in memory, for as long as the process: for where there is no database ({@code lint
 * --online} without {@code --db}), so a handle is judged by this run alone.
 */
public final class LocalGroupPins implements GroupPins {
  private final Map<String, String> pins = new ConcurrentHashMap<>();

  @Override
  public String pin(String handle, String groupId) {
    Objects.requireNonNull(groupId, "groupId");
    return pins.computeIfAbsent(Objects.requireNonNull(handle, "handle"), h -> groupId);
  }

  @Override
  public Optional<String> pinned(String handle) {
    return Optional.ofNullable(pins.get(handle));
  }
}
