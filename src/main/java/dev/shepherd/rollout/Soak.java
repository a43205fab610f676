package dev.shepherd.rollout;

import java.time.Instant;

/**
 * A wave's soak is over: what the channel is told ({@code stage has soaked 1h: prod may start}),
 * and when.
 */
public record Soak(Instant at, String text) {}
