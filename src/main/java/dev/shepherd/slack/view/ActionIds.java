package dev.shepherd.slack.view;

import dev.shepherd.audit.Action;
import java.util.Map;
import java.util.Optional;

/** The {@code action_id} of each button the views draw, and the engine action each one means. */
public final class ActionIds {
  public static final String DONE = "shepherd.done";
  public static final String APPROVE = "shepherd.approve";
  public static final String FAIL = "shepherd.fail";
  public static final String SKIP = "shepherd.skip";
  public static final String RETRY = "shepherd.retry";
  public static final String ROLLBACK = "shepherd.rollback";
  public static final String ABORT = "shepherd.abort";

  /** The Start button of a scheduled rollout at T-0. */
  public static final String START = "shepherd.start";

  /** Add note on the current step: opens the note modal. */
  public static final String NOTE = "shepherd.note";

  /** "What did you see?" on a failure: the same modal, its answer the failure's symptom. */
  public static final String SYMPTOM = "shepherd.symptom";

  /** Export record on the summary: the Markdown change record, posted in the thread as a file. */
  public static final String EXPORT = "shepherd.export";

  /** Propose runbook changes on the summary: the diff that adds what the rollout found. */
  public static final String PROPOSE = "shepherd.propose";

  /** Draft retrospective on the summary: the rollout's learnings as Markdown, in its thread. */
  public static final String RETRO = "shepherd.retro";

  /** "What fixed it?" after a failed step was retried and done: opens the resolution modal. */
  public static final String FIXED = "shepherd.fixed";

  /** Dismiss on a listed risk: opens the modal asking why it no longer matters. */
  public static final String DISMISS = "shepherd.dismiss";

  /** The checklist's checkboxes on a reminder. */
  public static final String TICK = "shepherd.tick";

  private static final Map<String, Action> ACTIONS =
      Map.of(
          DONE, Action.DONE,
          APPROVE, Action.APPROVE,
          FAIL, Action.FAIL,
          SKIP, Action.SKIP,
          RETRY, Action.RETRY,
          ROLLBACK, Action.ROLLBACK,
          ABORT, Action.ABORT);

  private ActionIds() {}

  /** The engine action a button's {@code action_id} stands for; empty for any other id. */
  public static Optional<Action> action(String actionId) {
    return Optional.ofNullable(actionId).map(ACTIONS::get);
  }
}
