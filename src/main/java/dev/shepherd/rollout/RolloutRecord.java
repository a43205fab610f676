package dev.shepherd.rollout;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.ChainLink;
import dev.shepherd.audit.Redaction;
import dev.shepherd.audit.Redactions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A rollout's record as a reviewer reads it: the rollout, and every acknowledgement with its place
 * in the chain, grouped by step. Built from the stored rows only, so an export says what the
 * database says, nothing Slack showed on top. A note a later redaction superseded is shown redacted
 * everywhere it is read from here ({@link Redactions}): its text replaced by who redacted it, when
 * and why, its evidence dropped, its place in the chain and its hash kept as stored. Immutable: the
 * redactions are found once, when it is built, so asking for one per row stays cheap.
 */
public final class RolloutRecord {
  private final Rollout rollout;
  private final List<ChainLink> trail;
  private final Map<Long, Redaction> redactions;

  /**
   * @param trail every acknowledgement of the rollout with its place in the chain, oldest first,
   *     refused ones too, as stored
   */
  public RolloutRecord(Rollout rollout, List<ChainLink> trail) {
    this.rollout = Objects.requireNonNull(rollout, "rollout");
    this.redactions =
        Map.copyOf(Redactions.in(trail.stream().map(ChainLink::acknowledgement).toList()));
    this.trail = List.copyOf(Redactions.shownLinks(trail, redactions));
  }

  public Rollout rollout() {
    return rollout;
  }

  /** Every acknowledgement with its place in the chain, oldest first, redacted ones as shown. */
  public List<ChainLink> trail() {
    return trail;
  }

  /** The redaction that superseded this acknowledgement's text, if one did. */
  public Optional<Redaction> redaction(Acknowledgement ack) {
    return Optional.ofNullable(redactions.get(ack.id()));
  }

  /**
   * Every accepted acknowledgement whose text stands, oldest first: what the learning loop reads.
   * One a redaction superseded is left out, as if it had never been said.
   */
  public List<Acknowledgement> unredacted() {
    return accepted().stream().filter(a -> !redactions.containsKey(a.id())).toList();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RolloutRecord that
        && rollout.equals(that.rollout)
        && trail.equals(that.trail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rollout, trail);
  }

  @Override
  public String toString() {
    return "RolloutRecord[rollout=" + rollout + ", trail=" + trail + "]";
  }

  /**
   * One step with what was done on it.
   *
   * @param symptoms what people saw when it failed, answered on the failure's message
   */
  public record StepRecord(
      StepRun run,
      List<Acknowledgement> approvals,
      List<Acknowledgement> notes,
      List<Acknowledgement> failures,
      List<Acknowledgement> symptoms) {}

  public Optional<Duration> duration() {
    return rollout
        .startedAt()
        .flatMap(start -> rollout.endedAt().map(end -> Duration.between(start, end)));
  }

  public List<StepRecord> steps() {
    return records(rollout.steps());
  }

  public List<StepRecord> rollbackSteps() {
    return records(rollout.rollbackSteps());
  }

  /** Every accepted failure, in order, each with the symptom its reporter gave (may be empty). */
  public List<Acknowledgement> failures() {
    return accepted().stream().filter(a -> a.action() == Action.FAIL).toList();
  }

  /** Every accepted note and symptom, in order. */
  public List<Acknowledgement> notes() {
    return accepted().stream()
        .filter(a -> a.action() == Action.NOTE || a.action() == Action.SYMPTOM)
        .toList();
  }

  /** Every accepted symptom: what people saw when a step failed. */
  public List<Acknowledgement> symptoms() {
    return accepted().stream().filter(a -> a.action() == Action.SYMPTOM).toList();
  }

  private List<Acknowledgement> accepted() {
    return trail.stream()
        .map(ChainLink::acknowledgement)
        .filter(Acknowledgement::accepted)
        .toList();
  }

  private List<StepRecord> records(List<StepRun> runs) {
    List<Acknowledgement> accepted = accepted();
    return runs.stream()
        .map(
            run -> {
              List<Acknowledgement> mine =
                  accepted.stream()
                      .filter(
                          a ->
                              a.phase().equals(Optional.of(run.phase()))
                                  && a.position().equals(Optional.of(run.position())))
                      .toList();
              return new StepRecord(
                  run,
                  only(mine, Action.APPROVE),
                  only(mine, Action.NOTE),
                  only(mine, Action.FAIL),
                  only(mine, Action.SYMPTOM));
            })
        .toList();
  }

  private static List<Acknowledgement> only(List<Acknowledgement> acks, Action action) {
    return acks.stream().filter(a -> a.action() == action).toList();
  }
}
