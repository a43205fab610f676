package dev.shepherd.rollout;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.partition.Choreography;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the channel is told when a rollout ends: the data only; the Slack adapter draws it.
 *
 * @param steps each forward step with its outcome and who moved it when
 * @param rollbacks the rollback walk, if there was one
 * @param failures every failure recorded, including steps later retried
 * @param timeline every accepted acknowledgement, oldest first
 * @param next what comes next in the choreography: "next: stage" or "prod was the last partition"
 */
public record Summary(
    Rollout rollout,
    Optional<Duration> duration,
    List<String> approvers,
    List<StepOutcome> steps,
    List<StepOutcome> rollbacks,
    List<Acknowledgement> failures,
    List<Acknowledgement> timeline,
    String next) {

  /** One step's end: its state, who acknowledged it and when, and why it was skipped. */
  public record StepOutcome(
      int position,
      String title,
      StepState state,
      Optional<String> by,
      Optional<Instant> at,
      List<String> approvedBy,
      Optional<String> reason) {}

  public static Summary of(Rollout rollout, List<Acknowledgement> trail, List<String> order) {
    Optional<Duration> duration =
        rollout
            .startedAt()
            .flatMap(start -> rollout.endedAt().map(end -> Duration.between(start, end)));
    List<Acknowledgement> accepted = trail.stream().filter(Acknowledgement::accepted).toList();
    List<Acknowledgement> failures =
        accepted.stream().filter(a -> a.action() == Action.FAIL).toList();
    String next =
        Choreography.after(rollout.partition(), order)
            .map(p -> "next: " + p)
            .orElse(rollout.partition() + " was the last partition");
    return new Summary(
        rollout,
        duration,
        List.copyOf(rollout.approvedBy()),
        outcomes(rollout.steps()),
        outcomes(rollout.rollbackSteps()),
        failures,
        accepted,
        next);
  }

  private static List<StepOutcome> outcomes(List<StepRun> steps) {
    List<StepOutcome> outcomes = new ArrayList<>();
    for (StepRun step : steps) {
      outcomes.add(
          new StepOutcome(
              step.position(),
              step.title(),
              step.state(),
              step.finishedBy(),
              step.finishedAt(),
              step.approvedBy(),
              step.reason()));
    }
    return outcomes;
  }
}
