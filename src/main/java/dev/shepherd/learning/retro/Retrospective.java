package dev.shepherd.learning.retro;

import static dev.shepherd.learning.retro.RetroText.capital;
import static dev.shepherd.learning.retro.RetroText.cell;
import static dev.shepherd.learning.retro.RetroText.code;
import static dev.shepherd.learning.retro.RetroText.line;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.ChainLink;
import dev.shepherd.audit.Phase;
import dev.shepherd.format.Durations;
import dev.shepherd.learning.finding.Resolution;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.learning.stats.FailureEpisodes;
import dev.shepherd.learning.stats.StepMedians;
import dev.shepherd.learning.stats.StepTimes;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutRecord;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.runbook.Revision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rollout's retrospective in Markdown, in the shape teams write learnings: what happened (the
 * steps against the runbook's medians, and the notable events), what went wrong and how it was
 * fixed, the findings, the questions the runbook does not answer, and the proposed changes.
 * Deterministic: the same record, findings, medians and diff give the same bytes.
 */
public final class Retrospective {
  private Retrospective() {}

  /**
   * @param medians how long each runbook step usually takes (earlier runs, not this one)
   * @param diff the proposed runbook change as a unified diff, if any
   */
  public static String write(
      RolloutRecord record,
      List<RunbookFinding> findings,
      StepMedians medians,
      Optional<String> diff) {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(findings, "findings");
    Objects.requireNonNull(medians, "medians");
    Objects.requireNonNull(diff, "diff");
    Rollout rollout = record.rollout();
    List<Acknowledgement> trail = record.trail().stream().map(ChainLink::acknowledgement).toList();
    List<FailureEpisodes.Episode> failures = FailureEpisodes.of(rollout, trail);
    StringBuilder out = new StringBuilder();
    title(out, record);
    out.append("## What happened\n\n");
    steps(out, rollout, trail, medians);
    events(out, rollout, trail);
    out.append("## What went wrong and how it was fixed\n\n");
    failures(out, failures, findings);
    out.append("## Findings\n\n");
    findings(out, findings);
    out.append("## Questions the runbook does not answer\n\n");
    List<String> questions = RetroQuestions.of(rollout, trail, failures, findings, medians);
    if (questions.isEmpty()) {
      out.append("None.\n\n");
    } else {
      questions.forEach(q -> out.append("- ").append(q).append('\n'));
      out.append('\n');
    }
    out.append("## Proposed runbook changes\n\n");
    Optional<String> change = diff.filter(d -> !d.isBlank());
    if (change.isEmpty()) {
      out.append("None.\n");
    } else {
      String fence = fence(change.get());
      out.append(fence).append("diff\n").append(change.get());
      if (!change.get().endsWith("\n")) {
        out.append('\n');
      }
      out.append(fence).append('\n');
    }
    return out.toString();
  }

  private static void title(StringBuilder out, RolloutRecord record) {
    Rollout rollout = record.rollout();
    Instant began = began(rollout);
    out.append("# Retrospective: ")
        .append(rollout.runbook().id())
        .append(" on ")
        .append(rollout.partition())
        .append(", ")
        .append(RetroText.day(began))
        .append("\n\n");
    out.append("- **Runbook:** `")
        .append(rollout.runbook().id())
        .append("` (")
        .append(rollout.runbook().path())
        .append(") at ")
        .append(
            rollout.runbook().revision().kind() == Revision.Kind.COMMIT ? "commit" : "content hash")
        .append(" `")
        .append(rollout.runbook().revision().shortId())
        .append("`\n");
    out.append("- **Partition:** ").append(rollout.partition()).append('\n');
    out.append("- **Outcome:** ").append(outcome(record)).append('\n');
    out.append("- **Date:** ").append(RetroText.minute(began)).append('\n');
    out.append("- **Rollout:** `")
        .append(rollout.id())
        .append("` by ")
        .append(rollout.operator())
        .append('\n');
    rollout
        .override()
        .ifPresent(
            o ->
                out.append("- **Choreography override:** by ")
                    .append(o.by())
                    .append(": ")
                    .append(line(o.reason()))
                    .append('\n'));
    out.append('\n');
  }

  private static String outcome(RolloutRecord record) {
    Rollout rollout = record.rollout();
    if (rollout.state().isActive()) {
      return "still " + rollout.state().label().replace('_', ' ');
    }
    String label = rollout.state().label().replace('_', ' ');
    return record
        .duration()
        .map(
            d ->
                label
                    + (rollout.state() == RolloutState.COMPLETED ? " in " : " after ")
                    + Durations.format(d))
        .orElse(label);
  }

  static Instant began(Rollout rollout) {
    return rollout.startedAt().orElse(rollout.createdAt());
  }

  private static void steps(
      StringBuilder out, Rollout rollout, List<Acknowledgement> trail, StepMedians medians) {
    out.append("| Step | Outcome | Who | Took | Median |\n| --- | --- | --- | --- | --- |\n");
    List<StepRun> all = new ArrayList<>(rollout.steps(Phase.FORWARD));
    all.addAll(rollout.steps(Phase.ROLLBACK));
    for (StepRun step : all) {
      boolean forward = step.phase() == Phase.FORWARD;
      out.append("| ")
          .append(forward ? "" : "Rollback of ")
          .append(step.runbookStep())
          .append(". ")
          .append(cell(step.title()))
          .append(" | ")
          .append(state(step, trail))
          .append(" | ")
          .append(who(step))
          .append(" | ")
          .append(StepTimes.took(rollout, step, trail).map(Durations::format).orElse("—"))
          .append(" | ")
          .append(
              forward
                  ? medians
                      .medianOf(step.runbookStep(), step.title())
                      .map(Durations::format)
                      .orElse("—")
                  : "—")
          .append(" |\n");
    }
    out.append('\n');
  }

  private static String state(StepRun step, List<Acknowledgement> trail) {
    long retries =
        trail.stream()
            .filter(
                a ->
                    a.accepted()
                        && a.action() == Action.RETRY
                        && StepTimes.on(a, step.phase(), step.position()))
            .count();
    String state =
        switch (step.state()) {
          case PENDING -> "not reached";
          case POSTED -> "in progress";
          default -> step.state().label();
        };
    return retries == 0
        ? state
        : state + " after " + RetroText.times((int) retries, "retry", "retries");
  }

  private static String who(StepRun step) {
    String by = step.finishedBy().orElse("—");
    return step.approvedBy().isEmpty()
        ? by
        : by + "; approved by " + String.join(", ", step.approvedBy());
  }

  private static void events(StringBuilder out, Rollout rollout, List<Acknowledgement> trail) {
    Instant day = began(rollout);
    List<String> events = new ArrayList<>();
    for (Acknowledgement ack : trail) {
      if (!ack.accepted()) {
        continue;
      }
      String at = RetroText.time(ack.at(), day) + " ";
      String detail = ack.detail().isBlank() ? "" : ": " + line(ack.detail());
      Optional<StepRun> step =
          ack.phase().flatMap(p -> ack.position().flatMap(n -> rollout.step(p, n)));
      String where = step.map(Retrospective::where).orElse("");
      switch (ack.action()) {
        case FAIL ->
            events.add(at + capital(where) + " failed, reported by " + ack.user() + detail);
        case SYMPTOM -> events.add(at + ack.user() + " saw, at " + where + detail);
        case RETRY -> events.add(at + capital(where) + " retried by " + ack.user());
        case SKIP -> events.add(at + capital(where) + " skipped by " + ack.user() + detail);
        case ROLLBACK -> events.add(at + "Rollback begun at " + where + " by " + ack.user());
        case ABORT -> events.add(at + "Aborted by " + ack.user() + detail);
        default -> {}
      }
    }
    if (!rollout.rollbackSteps().isEmpty() && rollout.state() == RolloutState.ROLLED_BACK) {
      rollout.endedAt().ifPresent(end -> events.add(RetroText.time(end, day) + " Rolled back"));
    }
    if (events.isEmpty()) {
      out.append("Nothing out of the ordinary: every step was done in turn.\n\n");
      return;
    }
    out.append("Notable events (UTC):\n\n");
    events.forEach(e -> out.append("- ").append(e).append('\n'));
    out.append('\n');
  }

  /** "step 3 (Smoke test)", or "rollback of step 2 (Deploy)". */
  static String where(StepRun step) {
    return (step.phase() == Phase.ROLLBACK ? "rollback of " : "")
        + "step "
        + step.runbookStep()
        + " ("
        + line(step.title())
        + ")";
  }

  private static void failures(
      StringBuilder out, List<FailureEpisodes.Episode> failures, List<RunbookFinding> findings) {
    if (failures.isEmpty()) {
      out.append("Nothing went wrong.\n\n");
      return;
    }
    for (FailureEpisodes.Episode failure : failures) {
      StepRun step = failure.step();
      out.append("### ")
          .append(step.phase() == Phase.ROLLBACK ? "Rollback of step " : "Step ")
          .append(step.runbookStep())
          .append(": ")
          .append(line(step.title()))
          .append("\n\n");
      out.append("- **Symptom:** ").append(symptom(failure)).append('\n');
      Optional<Resolution> resolution = resolution(failure, findings);
      out.append("- **Fixed by:** ")
          .append(
              resolution
                  .map(r -> line(r.fix()) + " (" + r.by() + ")")
                  .orElse(unfixed(failure.end())))
          .append('\n');
      out.append("- **Cause:** ")
          .append(resolution.flatMap(Resolution::knownCause).map(RetroText::line).orElse("unknown"))
          .append('\n');
      out.append("- **Time to resolution:** ")
          .append(failure.timeToResolve().map(Durations::format).orElse("unresolved"))
          .append(
              failure.retries() == 0
                  ? ""
                  : " (" + RetroText.times(failure.retries(), "retry", "retries") + ")")
          .append("\n\n");
    }
  }

  private static String symptom(FailureEpisodes.Episode failure) {
    List<String> seen = new ArrayList<>();
    failure.fails().forEach(f -> seen.add(f.detail()));
    failure.symptoms().forEach(s -> seen.add(s.detail()));
    List<String> said =
        seen.stream().filter(s -> !s.isBlank()).map(RetroText::line).distinct().toList();
    return said.isEmpty() ? "none given" : String.join("; ", said);
  }

  /** What the person who finished the failed step said fixed it, from its finding. */
  static Optional<Resolution> resolution(
      FailureEpisodes.Episode failure, List<RunbookFinding> findings) {
    if (failure.step().phase() != Phase.FORWARD) {
      return Optional.empty();
    }
    return findings.stream()
        .filter(f -> f.runbookStep() == failure.step().runbookStep())
        .map(RunbookFinding::resolution)
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static String unfixed(FailureEpisodes.End end) {
    return switch (end) {
      case DONE -> "not recorded";
      case SKIPPED -> "not fixed: the step was skipped";
      case ROLLED_BACK -> "not fixed: the rollout was rolled back";
      case ABORTED -> "not fixed: the rollout was aborted";
      case OPEN -> "not yet: the rollout is still on it";
    };
  }

  private static void findings(StringBuilder out, List<RunbookFinding> findings) {
    if (findings.isEmpty()) {
      out.append("None.\n\n");
      return;
    }
    for (RunbookFinding finding : findings) {
      String where =
          finding.runbookStep() > 0
              ? " at step " + finding.runbookStep() + " (" + line(finding.stepTitle()) + ")"
              : " on the rollout";
      List<String> words = new ArrayList<>();
      String symptom = finding.symptom().isBlank() ? "" : code(finding.symptom());
      switch (finding.kind()) {
        // Its detail names it as such already.
        case LATENT_BUG -> {
          if (!symptom.isEmpty()) {
            words.add(symptom);
          }
        }
        case UNMATCHED_SYMPTOM ->
            words.add(
                "no troubleshooting row names " + (symptom.isEmpty() ? "the symptom" : symptom));
        case WARNING_THEN_FAILED ->
            words.add(
                "the step failed after the runbook warned about it"
                    + (symptom.isEmpty() ? "" : ", with " + symptom));
        default -> {
          if (!symptom.isEmpty()) {
            words.add(symptom);
          }
        }
      }
      if (!finding.detail().isBlank()) {
        words.add(line(finding.detail()));
      }
      out.append("- **")
          .append(capital(finding.kind().label()))
          .append("**")
          .append(where)
          .append(words.isEmpty() ? "" : ": " + String.join("; ", words))
          .append(finding.closure().map(c -> " (closed: " + line(c.reason()) + ")").orElse(""))
          .append('\n');
    }
    out.append('\n');
  }

  /** A fence longer than any run of backticks in the diff, so the diff cannot close it. */
  private static String fence(String text) {
    int longest = 0;
    int run = 0;
    for (char c : text.toCharArray()) {
      run = c == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return "`".repeat(Math.max(3, longest + 1));
  }
}
