package dev.shepherd.runbook;

/** A Warning, Caution or Danger callout the operator must see before acting. */
public record Warning(String text, int line) {}
