package dev.shepherd.rollout;

import dev.shepherd.runbook.Revision;
import java.time.Instant;

/** A rollout of a runbook that completed on a partition, for the choreography. */
public record CompletedRun(
    String rolloutId, String runbookId, String partition, Revision revision, Instant endedAt) {}
