package dev.shepherd.runbook;

/** Something in a runbook file that Shepherd could not understand, with the line it is on. */
public record ParseProblem(int line, String message) {}
