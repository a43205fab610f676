package dev.shepherd.learning.retro;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Phase;
import dev.shepherd.format.Durations;
import dev.shepherd.learning.finding.Resolution;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.learning.stats.FailureEpisodes;
import dev.shepherd.learning.stats.StepMedians;
import dev.shepherd.learning.stats.StepTimes;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The questions a rollout raised that its runbook does not answer: a symptom no row names, a step
 * that was skipped, a step far slower than usual, a failure nobody said how they fixed. In the
 * order of the steps, each asked once.
 */
final class RetroQuestions {
  private record Question(int step, int rank, String text) {}

  private RetroQuestions() {}

  static List<String> of(
      Rollout rollout,
      List<Acknowledgement> trail,
      List<FailureEpisodes.Episode> failures,
      List<RunbookFinding> findings,
      StepMedians medians) {
    List<Question> questions = new ArrayList<>();
    for (RunbookFinding finding : findings) {
      int n = finding.runbookStep();
      if (finding.kind().wantsRow() && !finding.symptom().isBlank()) {
        // What the person who fixed it said answers part of the question, or all of it.
        Optional<Resolution> said = finding.resolution();
        if (said.isEmpty()) {
          questions.add(
              new Question(
                  n,
                  0,
                  "What causes "
                      + RetroText.code(finding.symptom())
                      + " at step "
                      + n
                      + ", and how is it fixed?"));
        } else if (said.get().knownCause().isEmpty()) {
          questions.add(
              new Question(
                  n,
                  0,
                  "What causes " + RetroText.code(finding.symptom()) + " at step " + n + "?"));
        }
      } else if (finding.kind() == RunbookFinding.Kind.SLOW) {
        questions.add(new Question(n, 2, slow(rollout, trail, finding, medians)));
      }
    }
    for (StepRun step : rollout.steps(Phase.FORWARD)) {
      if (step.state() == StepState.SKIPPED) {
        questions.add(
            new Question(
                step.runbookStep(), 1, "When may step " + step.runbookStep() + " be skipped?"));
      }
    }
    for (FailureEpisodes.Episode failure : failures) {
      if (failure.end() == FailureEpisodes.End.DONE
          && failure.step().phase() == Phase.FORWARD
          && Retrospective.resolution(failure, findings).isEmpty()) {
        questions.add(
            new Question(
                failure.step().runbookStep(),
                3,
                "What fixed step " + failure.step().runbookStep() + "?"));
      }
    }
    LinkedHashSet<String> asked = new LinkedHashSet<>();
    questions.stream()
        .sorted(Comparator.comparingInt(Question::step).thenComparingInt(Question::rank))
        .forEach(q -> asked.add(q.text()));
    return List.copyOf(asked);
  }

  private static String slow(
      Rollout rollout, List<Acknowledgement> trail, RunbookFinding finding, StepMedians medians) {
    int n = finding.runbookStep();
    Optional<Duration> took =
        rollout.steps(Phase.FORWARD).stream()
            .filter(s -> s.runbookStep() == n)
            .findFirst()
            .flatMap(s -> StepTimes.took(rollout, s, trail));
    Optional<Duration> usual = medians.medianOf(n, finding.stepTitle());
    if (took.isPresent() && usual.isPresent()) {
      return "Why can step "
          + n
          + " take "
          + Durations.format(took.get())
          + " when it usually takes "
          + Durations.format(usual.get())
          + "?";
    }
    return "Why can step " + n + " take so much longer than usual?";
  }
}
