package dev.shepherd.learning.finding;

import dev.shepherd.runbook.Revision;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a rollout found that its runbook did not say. Derived from the rollout's record, so the
 * same record always yields the same findings with the same keys.
 *
 * @param key unique within its rollout: kind, runbook step and ordinal ({@code
 *     unmatched_symptom:3:1})
 * @param runbookStep the runbook step it is about (1-based); 0 for the rollout as a whole
 * @param stepTitle that step's title as the rollout showed it; empty for the rollout as a whole
 * @param symptom what was seen, as people typed it; empty for kinds without one
 * @param detail the rest, in words: the skip's reason, the durations, the warning, the override
 * @param resolution what fixed it and why, when the person who finished the step said so
 * @param closure why it no longer counts as a risk, once it does not
 */
public record RunbookFinding(
    String key,
    String rolloutId,
    String runbookId,
    Revision revision,
    String partition,
    Instant at,
    Kind kind,
    int runbookStep,
    String stepTitle,
    String symptom,
    String detail,
    Optional<Resolution> resolution,
    Optional<FindingClosure> closure) {

  public enum Kind {
    /** A step failed with a symptom that none of its troubleshooting rows names. */
    UNMATCHED_SYMPTOM,
    /** A failure on the last partition at a step that succeeded on every earlier partition. */
    LATENT_BUG,
    SKIPPED,
    ROLLED_BACK,
    /** A step took far longer than its median over earlier runs of the runbook. */
    SLOW,
    /** The rollout started despite the choreography. */
    OVERRIDE,
    /** A step the runbook warned about failed. */
    WARNING_THEN_FAILED;

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /**
     * Whether it warns the next rollouts of the runbook. An override is about one rollout's
     * choices, not the runbook, so no revision could ever cover it.
     */
    public boolean isRisk() {
      return this != OVERRIDE;
    }

    /** Whether a later revision covers it with a troubleshooting row (else with a note). */
    public boolean wantsRow() {
      return this == UNMATCHED_SYMPTOM || this == LATENT_BUG || this == WARNING_THEN_FAILED;
    }
  }

  public RunbookFinding {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(rolloutId, "rolloutId");
    Objects.requireNonNull(runbookId, "runbookId");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(stepTitle, "stepTitle");
    Objects.requireNonNull(symptom, "symptom");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(closure, "closure");
  }

  public boolean isOpen() {
    return closure.isEmpty();
  }

  /** The rollout's id as people read it: its first 8 characters. */
  public String rolloutShortId() {
    return shortId(rolloutId);
  }

  public static String shortId(String rolloutId) {
    return rolloutId.length() <= 8 ? rolloutId : rolloutId.substring(0, 8);
  }

  public RunbookFinding closed(FindingClosure why) {
    return new RunbookFinding(
        key,
        rolloutId,
        runbookId,
        revision,
        partition,
        at,
        kind,
        runbookStep,
        stepTitle,
        symptom,
        detail,
        resolution,
        Optional.of(why));
  }

  public RunbookFinding withClosure(Optional<FindingClosure> why) {
    return new RunbookFinding(
        key,
        rolloutId,
        runbookId,
        revision,
        partition,
        at,
        kind,
        runbookStep,
        stepTitle,
        symptom,
        detail,
        resolution,
        why);
  }
}
