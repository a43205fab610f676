package dev.shepherd.audit;

import java.util.Locale;

/** Everything that can be done to a rollout, each one recorded as an acknowledgement. */
public enum Action {
  START,
  DONE,
  APPROVE,
  FAIL,
  SKIP,
  RETRY,
  ROLLBACK,
  ABORT,
  FREEZE,
  UNFREEZE,
  /** A rollout planned for a time: it holds its partition until it starts or is cancelled. */
  SCHEDULE,
  UNSCHEDULE,
  /** T-0 came: the scheduled rollout waits for its operator's Start. */
  DUE,
  /** The operator starts a scheduled rollout. */
  BEGIN,
  /** A checklist item ticked or unticked (the acknowledgement's position is the item, from 1). */
  TICK,
  UNTICK,
  /**
   * A note on the current step: a reply in the rollout's thread or the Add note modal. Evidence for
   * the record; it changes no step.
   */
  NOTE,
  /** What someone saw when a step failed, asked by the failure's message: its symptom. */
  SYMPTOM,
  /**
   * What fixed a step that failed and was then done (and its cause, if known), asked of whoever
   * finished it. Allowed after the rollout ended: the answer often comes last.
   */
  RESOLVE,
  /** An approver's reason why a finding of the rollout no longer matters. */
  DISMISS,
  /**
   * A note or symptom from someone outside the rollout's people (a shared channel's guest from
   * another workspace, someone not in the channel): kept on the record as written (secrets
   * redacted), never read as the rollout's own evidence, findings or proposals.
   */
  OUTSIDER_NOTE,
  /**
   * A note's text taken off what the record shows: names the acknowledgement it supersedes (a
   * {@link #NOTE}, {@link #SYMPTOM}, {@link #RESOLVE} or {@link #OUTSIDER_NOTE} of the same
   * rollout) and why ({@link Redaction}). The superseded row stays as it was stored and hashed;
   * every reader shows it redacted. Allowed after the rollout ended.
   */
  REDACT;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this action is aimed at one step (and so can be stale). */
  public boolean targetsStep() {
    return this == DONE
        || this == APPROVE
        || this == FAIL
        || this == SKIP
        || this == RETRY
        || this == ROLLBACK;
  }
}
