package dev.shepherd.learning;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.ChainLink;
import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.ChatThread;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutRecord;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.RunbookRef;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.StepState;
import dev.shepherd.runbook.Revision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rollout records built by hand, with fixed ids and times, for exact retrospectives. */
final class HandBuilt {
  static final String ID = "5f0c2a9e-1b7d-4c3e-9a61-2d8e4f6b7c10";
  static final String OPERATOR = "U0OPERATOR";
  static final String ALICE = "U0ALICE";
  static final String BOB = "U0BOB";
  static final RunbookRef RUNBOOK =
      new RunbookRef(
          "oam-secrets",
          "oam-secrets.md",
          "Roll out OAM secrets on prod",
          Revision.commit("9c1e4b2d7a5f3e8c1b0a"));

  private final List<Acknowledgement> trail = new ArrayList<>();

  static Instant at(String time) {
    return Instant.parse("2026-11-27T" + time + "Z");
  }

  static StepRun step(
      int n,
      String title,
      boolean approval,
      StepState state,
      String posted,
      String finished,
      String by,
      List<String> approvers,
      String reason) {
    return new StepRun(
        Phase.FORWARD,
        n,
        n,
        title,
        approval,
        true,
        state,
        approvers,
        Optional.ofNullable(posted).map(HandBuilt::at),
        Optional.ofNullable(finished).map(HandBuilt::at),
        Optional.ofNullable(by),
        Optional.ofNullable(reason));
  }

  static StepRun rollbackStep(
      int position,
      int runbookStep,
      String title,
      StepState state,
      String posted,
      String finished,
      String by) {
    return new StepRun(
        Phase.ROLLBACK,
        position,
        runbookStep,
        title,
        false,
        false,
        state,
        List.of(),
        Optional.ofNullable(posted).map(HandBuilt::at),
        Optional.ofNullable(finished).map(HandBuilt::at),
        Optional.ofNullable(by),
        Optional.empty());
  }

  static Rollout rollout(
      RolloutState state,
      String started,
      String ended,
      List<StepRun> steps,
      List<StepRun> rollback) {
    return new Rollout(
        ID,
        RUNBOOK,
        "prod",
        OPERATOR,
        new ChatThread("C0DEPLOYS", Optional.of("1.0")),
        state,
        at(started),
        Optional.empty(),
        Optional.of(at(started)),
        Optional.ofNullable(ended).map(HandBuilt::at),
        Optional.empty(),
        List.of(),
        List.of(ALICE, BOB),
        2,
        steps,
        rollback,
        0);
  }

  HandBuilt ack(String time, Action action, Phase phase, int position, String user, String detail) {
    trail.add(
        new Acknowledgement(
            trail.size() + 1,
            Optional.of(ID),
            "prod",
            Optional.ofNullable(phase),
            position == 0 ? Optional.empty() : Optional.of(position),
            action,
            user,
            at(time),
            Optional.of("k" + trail.size()),
            true,
            detail));
    return this;
  }

  HandBuilt refused(String time, Action action, int position, String user) {
    trail.add(
        new Acknowledgement(
            trail.size() + 1,
            Optional.of(ID),
            "prod",
            Optional.of(Phase.FORWARD),
            Optional.of(position),
            action,
            user,
            at(time),
            Optional.of("k" + trail.size()),
            false,
            "refused"));
    return this;
  }

  HandBuilt fwd(String time, Action action, int position, String user, String detail) {
    return ack(time, action, Phase.FORWARD, position, user, detail);
  }

  RolloutRecord of(Rollout rollout) {
    return new RolloutRecord(
        rollout, trail.stream().map(a -> new ChainLink(a, Optional.empty())).toList());
  }
}
