package dev.shepherd.audit;

import dev.shepherd.audit.AuditReport.Kind;
import dev.shepherd.audit.AuditReport.Tampering;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks what the rollout tables say against what the record bears out: who started each rollout,
 * each step's outcome, who gave it and who approved it, as the accepted acknowledgements have them;
 * and everything else a summary or an export shows, through the state digest the last accepted
 * acknowledgement carries (under the key). Fed by the chain walk, then by the rollouts.
 */
final class StateCheck {
  private final Map<String, Recorded> rollouts = new HashMap<>();

  /** What the record says of one rollout. */
  private static final class Recorded {
    Optional<Acknowledgement> start = Optional.empty();
    Optional<Acknowledgement> lastState = Optional.empty();
    String digest = "";
    final Map<String, StepRecord> steps = new HashMap<>();
  }

  /** A step's outcome as its accepted acknowledgements give it. */
  private static final class StepRecord {
    String state = "posted";
    Optional<Acknowledgement> by = Optional.empty();
    final List<String> approvedBy = new ArrayList<>();
  }

  void accepted(Acknowledgement ack, ChainLink.Link link) {
    if (ack.rolloutId().isEmpty()) {
      return;
    }
    Recorded recorded = rollouts.computeIfAbsent(ack.rolloutId().get(), id -> new Recorded());
    if (!link.stateDigest().isEmpty()) {
      recorded.lastState = Optional.of(ack);
      recorded.digest = link.stateDigest();
    }
    if ((ack.action() == Action.START || ack.action() == Action.SCHEDULE)
        && recorded.start.isEmpty()) {
      recorded.start = Optional.of(ack);
    }
    if (ack.phase().isEmpty() || ack.position().isEmpty()) {
      return;
    }
    StepRecord step =
        recorded.steps.computeIfAbsent(
            key(ack.phase().get(), ack.position().get()), k -> new StepRecord());
    switch (ack.action()) {
      case DONE -> finished(step, "done", ack);
      case SKIP -> finished(step, "skipped", ack);
      case FAIL -> finished(step, "failed", ack);
      case RETRY -> {
        step.state = "posted";
        step.by = Optional.empty();
        step.approvedBy.clear();
      }
      case APPROVE -> step.approvedBy.add(ack.user());
      default -> {}
    }
  }

  private static void finished(StepRecord step, String state, Acknowledgement ack) {
    step.state = state;
    step.by = Optional.of(ack);
  }

  /**
   * Reads every rollout's rows and names each that the record does not bear out, except those of
   * {@code brokenChains}: a record that no longer holds is named already.
   */
  void check(AuditLog log, Set<String> brokenChains, List<Tampering> problems) {
    Set<String> withRows = new HashSet<>();
    log.rolloutRows(
        rows -> {
          withRows.add(rows.rolloutId());
          if (!brokenChains.contains("rollout:" + rows.rolloutId())) {
            check(rows, problems);
          }
        });
    rollouts.keySet().stream()
        .filter(id -> !withRows.contains(id) && !brokenChains.contains("rollout:" + id))
        .forEach(id -> rowsMissing(id, problems));
  }

  /**
   * Checks one rollout again from a snapshot of its record and its rows read together: a rollout
   * that moved on while the whole record was being read is not a finding.
   */
  static List<Tampering> recheck(String rolloutId, AuditLog.Snapshot snapshot) {
    StateCheck again = new StateCheck();
    for (ChainLink link : snapshot.chain()) {
      if (link.acknowledgement().accepted() && link.link().isPresent()) {
        again.accepted(link.acknowledgement(), link.link().get());
      }
    }
    List<Tampering> problems = new ArrayList<>();
    if (snapshot.rows().isPresent()) {
      again.check(snapshot.rows().get(), problems);
    } else if (again.rollouts.containsKey(rolloutId)) {
      again.rowsMissing(rolloutId, problems);
    }
    return problems;
  }

  private void rowsMissing(String id, List<Tampering> problems) {
    rollouts
        .get(id)
        .start
        .ifPresent(
            start ->
                problems.add(
                    new Tampering(
                        Kind.DELETED,
                        "rollout:" + id,
                        start.id(),
                        "rollout "
                            + id
                            + " was deleted from the rollout tables: its record starts at"
                            + " acknowledgement "
                            + start.id()
                            + " ("
                            + AuditVerifier.what(start)
                            + ")")));
  }

  private void check(RolloutRows rows, List<Tampering> problems) {
    String chain = "rollout:" + rows.rolloutId();
    Recorded recorded = rollouts.get(rows.rolloutId());
    if (recorded == null || recorded.start.isEmpty()) {
      problems.add(
          new Tampering(
              Kind.INSERTED,
              chain,
              0,
              "rollout "
                  + rows.rolloutId()
                  + " (operator "
                  + rows.operator()
                  + ", "
                  + rows.state()
                  + ") has no accepted start in the record: inserted outside Shepherd"));
      return;
    }
    int before = problems.size();
    Acknowledgement start = recorded.start.get();
    if (!rows.operator().equals(start.user())) {
      problems.add(
          new Tampering(
              Kind.REWRITTEN,
              chain,
              start.id(),
              "rollout "
                  + rows.rolloutId()
                  + " names "
                  + rows.operator()
                  + " as its operator, but its record says "
                  + start.user()
                  + " started it (acknowledgement "
                  + start.id()
                  + ")"));
    }
    Set<String> rowKeys = new HashSet<>();
    for (RolloutRows.StepRow row : rows.steps()) {
      rowKeys.add(key(row.phase(), row.position()));
      check(rows.rolloutId(), row, recorded.steps.get(key(row.phase(), row.position())), problems);
    }
    recorded.steps.forEach(
        (key, step) -> {
          if (!rowKeys.contains(key) && step.by.isPresent()) {
            Acknowledgement by = step.by.get();
            problems.add(
                new Tampering(
                    Kind.DELETED,
                    chain,
                    by.id(),
                    stepName(
                            rows.rolloutId(), by.phase().orElseThrow(), by.position().orElseThrow())
                        + " was deleted from rollout_steps; its record says "
                        + step.state
                        + " by "
                        + by.user()
                        + " (acknowledgement "
                        + by.id()
                        + ")"));
          }
        });
    if (problems.size() == before
        && recorded.lastState.isPresent()
        && !recorded.digest.equals(rows.digest())) {
      Acknowledgement last = recorded.lastState.get();
      problems.add(
          new Tampering(
              Kind.REWRITTEN,
              chain,
              last.id(),
              "rollout "
                  + rows.rolloutId()
                  + " ("
                  + rows.state()
                  + ") was rewritten: its rows are not the state its last accepted acknowledgement "
                  + last.id()
                  + " ("
                  + AuditVerifier.what(last)
                  + ") recorded"));
    }
  }

  private static void check(
      String rolloutId, RolloutRows.StepRow row, StepRecord recorded, List<Tampering> problems) {
    String recordedState = recorded == null ? "posted" : recorded.state;
    Optional<String> recordedBy =
        recorded == null ? Optional.empty() : recorded.by.map(Acknowledgement::user);
    List<String> recordedApprovers = recorded == null ? List.of() : recorded.approvedBy;
    boolean rowFinished = !row.state().equals("pending") && !row.state().equals("posted");
    boolean stateAgrees =
        recordedState.equals("posted") ? !rowFinished : recordedState.equals(row.state());
    long ackId = recorded == null ? 0 : recorded.by.map(Acknowledgement::id).orElse(0L);
    if (!stateAgrees || !row.finishedBy().equals(recordedBy)) {
      problems.add(
          new Tampering(
              Kind.REWRITTEN,
              "rollout:" + rolloutId,
              ackId,
              stepName(rolloutId, row.phase(), row.position())
                  + " says "
                  + row.state()
                  + row.finishedBy().map(by -> " by " + by).orElse("")
                  + ", but its record says "
                  + recordedState
                  + recordedBy.map(by -> " by " + by).orElse("")
                  + (ackId > 0 ? " (acknowledgement " + ackId + ")" : "")));
    } else if (!row.approvedBy().equals(recordedApprovers)) {
      problems.add(
          new Tampering(
              Kind.REWRITTEN,
              "rollout:" + rolloutId,
              ackId,
              stepName(rolloutId, row.phase(), row.position())
                  + " says approved by "
                  + (row.approvedBy().isEmpty() ? "nobody" : String.join(", ", row.approvedBy()))
                  + ", but its record says "
                  + (recordedApprovers.isEmpty()
                      ? "nobody"
                      : String.join(", ", recordedApprovers))));
    }
  }

  private static String stepName(String rolloutId, Phase phase, int position) {
    return (phase == Phase.ROLLBACK ? "rollback step " : "step ")
        + position
        + " of rollout "
        + rolloutId;
  }

  private static String key(Phase phase, int position) {
    return phase.label() + ":" + position;
  }
}
