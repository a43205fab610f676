package dev.shepherd.rollout;

/** An approver started a rollout despite the choreography, and said why. */
public record ChoreographyOverride(String by, String reason) {}
