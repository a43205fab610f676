package dev.shepherd.rollout;

import java.time.Instant;

/** A partition closed to new rollouts (a deploy freeze, an incident) until it is unfrozen. */
public record Freeze(String partition, String by, String reason, Instant at) {}
