package dev.shepherd.runbook;

/** A pre-rollout item to be done before T-0, from front matter or a Prerequisites section. */
public record ChecklistItem(String text, int line) {}
