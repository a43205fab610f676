package dev.shepherd.rollout;

import java.time.Instant;

/** A partition closed to new rollouts (a deploy freeze, an incident) until it is unfrozen. */
public record Freeze(String partition, String by, String reason, Instant at) {
  /** The partition name the fleet freeze is kept under; no partition can be called so. */
  public static final String ALL = "*";
}
