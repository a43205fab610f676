package dev.shepherd.learning.finding;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.format.Durations;
import dev.shepherd.learning.stats.RunbookStats;
import dev.shepherd.learning.stats.StepTimes;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutRecord;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.Step;
import dev.shepherd.runbook.TroubleshootingRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a rollout found that its runbook did not say, read off its record alone: the same record
 * always yields the same findings under the same keys, so they can be derived again at any time
 * (after a late "what fixed it?", after a dismissal) and stored as a cache, never as the truth.
 */
public final class FindingDetector {
  /** A step is slow beyond this many times its median, and by at least {@link #SLOW_MARGIN}. */
  static final int SLOW_FACTOR = 3;

  static final Duration SLOW_MARGIN = Duration.ofMinutes(5);

  /** Fewer earlier runs than this make no median worth comparing with. */
  static final int MEDIAN_RUNS = 3;

  private FindingDetector() {}

  /**
   * @param pinned the runbook as the rollout walked it (rendered for its partition); empty when its
   *     text was not kept, and then no symptom can be matched and none is reported unmatched
   * @param history other ended rollouts of the same runbook, any order
   * @param earlier the stats of the runs that ended before this one: the medians it is held to
   * @param order the runbook's partitions in the choreography's order
   */
  public static List<RunbookFinding> detect(
      RolloutRecord record,
      Optional<Runbook> pinned,
      List<Rollout> history,
      RunbookStats earlierRuns,
      List<String> order) {
    Rollout rollout = record.rollout();
    List<Rollout> earlier =
        history.stream()
            .filter(
                r ->
                    !r.id().equals(rollout.id())
                        && r.endedAt().isPresent()
                        && rollout.startedAt().map(s -> !r.endedAt().get().isAfter(s)).orElse(true))
            .toList();
    Draft draft = new Draft(rollout);
    rollout
        .override()
        .ifPresent(
            o ->
                draft.add(
                    RunbookFinding.Kind.OVERRIDE,
                    0,
                    "",
                    "",
                    "started by @" + o.by() + " despite the choreography: " + o.reason(),
                    Optional.empty(),
                    rollout.startedAt().orElse(rollout.createdAt())));
    // A redacted note, symptom or fix is read as never said: its text feeds no finding.
    List<Acknowledgement> accepted = record.unredacted();
    for (StepRun step : rollout.steps()) {
      List<Acknowledgement> mine =
          accepted.stream()
              .filter(
                  a ->
                      a.phase().equals(Optional.of(Phase.FORWARD))
                          && a.position().equals(Optional.of(step.position())))
              .toList();
      Optional<Step> written =
          pinned.flatMap(r -> FindingCoverage.step(r, step.runbookStep(), step.title()));
      failures(draft, rollout, step, mine, written, pinned.isPresent(), earlier, order);
      if (step.state() == StepState.SKIPPED) {
        draft.add(
            RunbookFinding.Kind.SKIPPED,
            step.runbookStep(),
            step.title(),
            "",
            "skipped by @" + step.finishedBy().orElse("?") + ": " + step.reason().orElse(""),
            Optional.empty(),
            step.finishedAt().orElse(rollout.createdAt()));
      }
      slow(draft, rollout, step, accepted, earlierRuns);
    }
    if (!rollout.rollbackSteps().isEmpty() || rollout.state() == RolloutState.ROLLED_BACK) {
      accepted.stream()
          .filter(a -> a.action() == Action.ROLLBACK)
          .findFirst()
          .ifPresent(
              ack -> {
                StepRun failed = rollout.step(Phase.FORWARD, ack.position().orElse(0)).orElse(null);
                int number = failed == null ? 0 : failed.runbookStep();
                String title = failed == null ? "" : failed.title();
                draft.add(
                    RunbookFinding.Kind.ROLLED_BACK,
                    number,
                    title,
                    symptomOf(accepted, ack.position()),
                    "rolled back by @"
                        + ack.user()
                        + " after step "
                        + number
                        + " failed"
                        + (ack.detail().isBlank() ? "" : ": " + ack.detail())
                        + " ("
                        + rollout.state().label().replace('_', ' ')
                        + ")",
                    Optional.empty(),
                    ack.at());
              });
    }
    return draft.findings;
  }

  private static void failures(
      Draft draft,
      Rollout rollout,
      StepRun step,
      List<Acknowledgement> mine,
      Optional<Step> written,
      boolean knowsRunbook,
      List<Rollout> earlier,
      List<String> order) {
    List<Acknowledgement> fails = mine.stream().filter(a -> a.action() == Action.FAIL).toList();
    if (fails.isEmpty()) {
      return;
    }
    List<String> seen = seen(mine);
    String symptom = String.join("; ", seen);
    Optional<Resolution> resolution =
        mine.stream()
            .filter(a -> a.action() == Action.RESOLVE)
            .reduce((first, second) -> second)
            .map(a -> Resolution.decode(a.detail(), a.user(), a.at()));
    Instant at = fails.get(0).at();
    List<TroubleshootingRow> rows = written.map(Step::troubleshooting).orElse(List.of());
    boolean matched =
        seen.stream()
            .anyMatch(s -> rows.stream().anyMatch(row -> SymptomMatcher.matches(s, row.symptom())));
    boolean retried = mine.stream().anyMatch(a -> a.action() == Action.RETRY);
    String outcome =
        step.state() == StepState.DONE && retried
            ? "retried and done by @" + step.finishedBy().orElse("?")
            : "it ended " + step.state().name().toLowerCase(Locale.ROOT);
    if (knowsRunbook && !matched) {
      // A failure nobody described is a gap too: the next operator meets it as blind.
      String unnamed =
          seen.isEmpty()
              ? "and nobody said what they saw"
              : rows.isEmpty()
                  ? "with no troubleshooting rows to match"
                  : rows.size() == 1
                      ? "with a symptom its one troubleshooting row does not name"
                      : "with a symptom none of its " + rows.size() + " troubleshooting rows names";
      draft.add(
          RunbookFinding.Kind.UNMATCHED_SYMPTOM,
          step.runbookStep(),
          step.title(),
          symptom,
          "failed "
              + (fails.size() == 1 ? "once " : fails.size() + " times ")
              + unnamed
              + "; "
              + outcome,
          resolution,
          at);
    }
    latentBug(draft, rollout, step, symptom, resolution, at, earlier, order);
    if (written.isPresent() && !written.get().warnings().isEmpty()) {
      draft.add(
          RunbookFinding.Kind.WARNING_THEN_FAILED,
          step.runbookStep(),
          step.title(),
          symptom,
          "failed after the runbook warned: " + written.get().warnings().get(0).text(),
          resolution,
          at);
    }
  }

  /**
   * A failure on the last partition at a step that succeeded on every earlier partition with the
   * same revision: what passed everywhere else only broke here.
   */
  private static void latentBug(
      Draft draft,
      Rollout rollout,
      StepRun step,
      String symptom,
      Optional<Resolution> resolution,
      Instant at,
      List<Rollout> earlier,
      List<String> order) {
    int index = order.indexOf(rollout.partition());
    if (order.size() < 2 || index != order.size() - 1) {
      return;
    }
    List<String> before = order.subList(0, index);
    for (String partition : before) {
      boolean passed =
          earlier.stream()
              .anyMatch(
                  r ->
                      r.partition().equals(partition)
                          && r.state() == RolloutState.COMPLETED
                          && r.runbook().revision().equals(rollout.runbook().revision())
                          && r.steps().stream()
                              .anyMatch(
                                  s ->
                                      s.runbookStep() == step.runbookStep()
                                          && s.state() == StepState.DONE));
      if (!passed) {
        return;
      }
    }
    draft.add(
        RunbookFinding.Kind.LATENT_BUG,
        step.runbookStep(),
        step.title(),
        symptom,
        "a latent bug that only fired on "
            + rollout.partition()
            + ": step "
            + step.runbookStep()
            + " succeeded on "
            + String.join(", ", before)
            + " at revision "
            + rollout.runbook().revision().shortId()
            + " and failed on the last partition",
        resolution,
        at);
  }

  private static void slow(
      Draft draft,
      Rollout rollout,
      StepRun step,
      List<Acknowledgement> trail,
      RunbookStats earlier) {
    if (step.state() != StepState.DONE) {
      return;
    }
    Optional<Duration> took = StepTimes.took(rollout, step, trail);
    Optional<RunbookStats.StepStats> before =
        earlier.steps().stream()
            .filter(
                s ->
                    s.runbookStep() == step.runbookStep()
                        && s.title().strip().equalsIgnoreCase(step.title().strip()))
            .findFirst();
    if (took.isEmpty() || before.isEmpty() || before.get().runs() < MEDIAN_RUNS) {
      return;
    }
    Duration median = before.get().median();
    if (took.get().compareTo(median.multipliedBy(SLOW_FACTOR)) > 0
        && took.get().minus(median).compareTo(SLOW_MARGIN) >= 0) {
      draft.add(
          RunbookFinding.Kind.SLOW,
          step.runbookStep(),
          step.title(),
          "",
          "took "
              + Durations.format(took.get())
              + " against a median of "
              + Durations.format(median)
              + " over "
              + before.get().runs()
              + " earlier runs",
          Optional.empty(),
          step.finishedAt().orElse(rollout.createdAt()));
    }
  }

  private static String symptomOf(List<Acknowledgement> accepted, Optional<Integer> position) {
    return String.join(
        "; ",
        seen(
            accepted.stream()
                .filter(
                    a ->
                        a.phase().equals(Optional.of(Phase.FORWARD))
                            && a.position().equals(position))
                .toList()));
  }

  /** What people said they saw, once each, in order: the failures' reasons and the symptoms. */
  private static List<String> seen(List<Acknowledgement> acks) {
    List<String> seen = new ArrayList<>();
    for (Acknowledgement a : acks) {
      String said = a.detail().strip();
      if ((a.action() == Action.FAIL || a.action() == Action.SYMPTOM)
          && !said.isEmpty()
          && !seen.contains(said)) {
        seen.add(said);
      }
    }
    return seen;
  }

  /** Findings as they are found, each keyed by its kind, step and ordinal there. */
  private static final class Draft {
    private final Rollout rollout;
    private final List<RunbookFinding> findings = new ArrayList<>();
    private final Map<String, Integer> ordinals = new HashMap<>();

    Draft(Rollout rollout) {
      this.rollout = rollout;
    }

    void add(
        RunbookFinding.Kind kind,
        int step,
        String title,
        String symptom,
        String detail,
        Optional<Resolution> resolution,
        Instant at) {
      String prefix = kind.name().toLowerCase(Locale.ROOT) + ":" + step;
      int ordinal = ordinals.merge(prefix, 1, Integer::sum);
      findings.add(
          new RunbookFinding(
              prefix + ":" + ordinal,
              rollout.id(),
              rollout.runbook().id(),
              rollout.runbook().revision(),
              rollout.partition(),
              at,
              kind,
              step,
              title,
              symptom,
              detail,
              resolution,
              Optional.empty()));
    }
  }
}
