package dev.shepherd.partition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a partition may start: its deploy windows (empty means any time), the blackouts it keeps,
 * and how long it must have been complete before the next wave may start. The fleet, a wave and a
 * partition each have one; {@link #within} combines them.
 */
public record Gates(Duration soak, List<DeployWindow> windows, List<Blackout> blackouts) {
  public static final Gates NONE = new Gates(Duration.ZERO, List.of(), List.of());

  public Gates {
    windows = List.copyOf(windows);
    blackouts = List.copyOf(blackouts);
  }

  /**
   * These gates inside broader ones: the nearest windows replace the broader ones (a partition's
   * own hours are the point of naming them), blackouts add up, the longer soak wins.
   */
  public Gates within(Gates broader) {
    List<Blackout> all = new ArrayList<>(broader.blackouts);
    blackouts.stream().filter(b -> !all.contains(b)).forEach(all::add);
    return new Gates(
        soak.compareTo(broader.soak) >= 0 ? soak : broader.soak,
        windows.isEmpty() ? broader.windows : windows,
        all);
  }

  /** The blackout this instant falls in, if any. */
  public Optional<Blackout> blackoutAt(Instant instant) {
    return blackouts.stream().filter(b -> b.contains(instant)).findFirst();
  }

  public boolean inWindow(Instant instant) {
    return windows.isEmpty() || windows.stream().anyMatch(w -> w.contains(instant));
  }

  /**
   * The first instant at or after this one when a start is allowed: inside a window and in no
   * blackout. Empty when none comes within about a year (every day blacked out, say).
   */
  public Optional<Instant> nextOpening(Instant from) {
    Instant at = from;
    for (int i = 0; i < 400; i++) {
      Optional<Blackout> blackout = blackoutAt(at);
      if (blackout.isPresent()) {
        at = blackout.get().ends();
        continue;
      }
      if (inWindow(at)) {
        return Optional.of(at);
      }
      Instant probe = at;
      Optional<Instant> next =
          windows.stream().flatMap(w -> w.nextOpening(probe).stream()).min(Instant::compareTo);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      at = next.get();
    }
    return Optional.empty();
  }
}
