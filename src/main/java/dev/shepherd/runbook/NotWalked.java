package dev.shepherd.runbook;

/**
 * Lines of a runbook that Shepherd read but does not walk, and why: {@code show --json} lists them
 * so nothing is dropped silently.
 */
public record NotWalked(int firstLine, int lastLine, String reason) {}
