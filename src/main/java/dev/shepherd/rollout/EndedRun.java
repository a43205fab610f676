package dev.shepherd.rollout;

import java.time.Instant;

/** An ended rollout, told in a line of its row: what a register needs to see what changed. */
public record EndedRun(String rolloutId, String partition, int version, Instant endedAt) {}
