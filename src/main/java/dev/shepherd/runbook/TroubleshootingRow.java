package dev.shepherd.runbook;

/** One diagnosis of a step: what the operator sees, why, and what to do about it. */
public record TroubleshootingRow(String symptom, String cause, String fix, int line) {}
