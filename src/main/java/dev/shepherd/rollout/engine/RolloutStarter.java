package dev.shepherd.rollout.engine;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.audit.RecordLimits;
import dev.shepherd.format.Durations;
import dev.shepherd.format.Times;
import dev.shepherd.partition.Choreography;
import dev.shepherd.partition.Partition;
import dev.shepherd.rollout.ChatThread;
import dev.shepherd.rollout.ChoreographyOverride;
import dev.shepherd.rollout.Outcome;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.RiskRegister;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.rollout.RunbookRef;
import dev.shepherd.rollout.StartRequest;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.rollout.UserGroups;
import dev.shepherd.rollout.access.AccessPolicy;
import dev.shepherd.rollout.rule.ActiveRolloutRule;
import dev.shepherd.rollout.rule.ApproverCheck;
import dev.shepherd.rollout.rule.ChoreographyRule;
import dev.shepherd.rollout.rule.StartContext;
import dev.shepherd.rollout.rule.StartRule;
import dev.shepherd.rollout.rule.StartRules;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Renderer;
import dev.shepherd.runbook.Rendition;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** Starting and scheduling rollouts: the start rules, then the new rollout and its first row. */
final class RolloutStarter {
  private final TransactionRecorder transactions;
  private final Choreography choreography;
  private final Supplier<Catalog> catalog;
  private final List<StartRule> startRules;
  private final RunbookChecks checks;
  private final UserGroups groups;
  private final RiskRegister risks;
  private final AccessPolicy access;

  RolloutStarter(
      TransactionRecorder transactions,
      Choreography choreography,
      Supplier<Catalog> catalog,
      List<StartRule> startRules,
      RunbookChecks checks,
      UserGroups groups,
      RiskRegister risks,
      AccessPolicy access) {
    this.access = access;
    this.checks = checks;
    this.groups = groups;
    this.risks = risks;
    this.transactions = transactions;
    this.choreography = choreography;
    this.catalog = catalog;
    this.startRules = startRules;
  }

  Outcome create(StartRequest request, Optional<Instant> at) {
    Instant now = transactions.now();
    Action action = at.isPresent() ? Action.SCHEDULE : Action.START;
    Optional<Runbook> runbook = catalog.get().find(request.runbookId());
    Optional<Partition> partition = choreography.find(request.partition());
    Optional<Refusal> tooLong =
        RecordLimits.tooLong("a partition name", request.partition(), RecordLimits.NAME)
            .or(
                () ->
                    request
                        .override()
                        .flatMap(
                            r ->
                                RecordLimits.tooLong("an override reason", r, RecordLimits.REASON)))
            .map(message -> new Refusal(Refusal.Reason.TOO_LONG, message));
    Optional<Refusal> early =
        tooLong.isPresent()
            ? tooLong
            : runbook.isEmpty()
                ? Optional.of(
                    new Refusal(
                        Refusal.Reason.UNKNOWN_RUNBOOK,
                        "no runbook "
                            + request.runbookId()
                            + " (runbooks: "
                            + String.join(
                                ", ", catalog.get().runbooks().stream().map(Runbook::id).toList())
                            + ")"))
                : partition.isEmpty()
                    ? Optional.of(
                        new Refusal(
                            Refusal.Reason.UNKNOWN_PARTITION,
                            "no partition "
                                + request.partition()
                                + " (partitions: "
                                + String.join(", ", choreography.names())
                                + ")"))
                    : runbook.get().appliesTo(request.partition())
                        ? Optional.empty()
                        : Optional.of(
                            new Refusal(
                                Refusal.Reason.NOT_APPLICABLE,
                                runbook.get().id()
                                    + " does not apply to "
                                    + request.partition()
                                    + " (it names "
                                    + String.join(", ", runbook.get().partitions())
                                    + ")"));
    if (early.isEmpty()) {
      early = gate(request, runbook.get(), partition.get(), at, now);
    }
    if (early.isEmpty() && at.isPresent() && !at.get().isAfter(now)) {
      early =
          Optional.of(
              new Refusal(
                  Refusal.Reason.INVALID_TIME,
                  Times.format(at.get())
                      + " is in the past (it is "
                      + Times.format(now)
                      + "): pick a later time"));
    }
    Optional<Refusal> refusedEarly = early;
    // Who may override is asked before the transaction: Slack's groups are never asked while
    // rows are locked.
    ApproverCheck operator =
        early.isEmpty() && request.override().isPresent()
            ? access.isKeeper(partition.get(), request.operator(), groups)
            : ApproverCheck.NO;
    // The register reads (and closes) findings in transactions of its own: asked before this one.
    List<String> risksFound = early.isEmpty() ? risks(runbook.get(), partition.get()) : List.of();
    // The lint reads the whole runbook: asked before the transaction, so a slow runbook holds no
    // connection (a pool of spinning starts once left a bystander's status unanswered).
    List<String> runbookErrors =
        early.isEmpty() ? checks.errors(runbook.get(), partition.get()) : List.of();
    RolloutStore store = transactions.store();
    try {
      return store.inTransaction(
          tx -> {
            Optional<Outcome> duplicate = transactions.duplicate(tx, request.idempotencyKey());
            if (duplicate.isPresent()) {
              return duplicate.get();
            }
            if (refusedEarly.isPresent()) {
              return TransactionRecorder.refuse(
                  tx,
                  refusedEarly.get(),
                  Optional.empty(),
                  startAck(request, action, now, false, refusedEarly.get().message()));
            }
            return create(
                tx,
                request,
                runbook.get(),
                partition.get(),
                now,
                at,
                operator,
                risksFound,
                runbookErrors);
          });
    } catch (RolloutStore.Conflict conflict) {
      return transactions.afterConflict(
          conflict,
          request.idempotencyKey(),
          () ->
              store.inTransaction(
                  tx -> {
                    Refusal refusal =
                        tx.activeOn(request.partition())
                            .map(ActiveRolloutRule::refusal)
                            .orElse(
                                new Refusal(
                                    Refusal.Reason.ACTIVE_ROLLOUT,
                                    request.partition()
                                        + " was just taken by another rollout: try again"));
                    return TransactionRecorder.refuse(
                        tx,
                        refusal,
                        Optional.empty(),
                        startAck(request, action, now, false, refusal.message()));
                  }));
    }
  }

  private Outcome create(
      RolloutStore.Transaction tx,
      StartRequest request,
      Runbook runbook,
      Partition partition,
      Instant now,
      Optional<Instant> at,
      ApproverCheck operator,
      List<String> risksFound,
      List<String> runbookErrors) {
    Action action = at.isPresent() ? Action.SCHEDULE : Action.START;
    Rendition rendition = Renderer.render(runbook, partition);
    // The configured order, not the runbook's partitions: naming only prod skips nothing.
    List<String> order = choreography.names();
    Set<String> approvers = AccessPolicy.approvers(runbook, partition);
    StartContext context =
        new StartContext(
            request,
            runbook,
            rendition,
            partition,
            order,
            access.keepers(partition),
            tx,
            now,
            choreography,
            at,
            operator,
            runbookErrors);
    for (StartRule rule : startRules) {
      Optional<Refusal> refusal = rule.check(context);
      if (refusal.isPresent()) {
        return TransactionRecorder.refuse(
            tx,
            refusal.get(),
            Optional.empty(),
            startAck(request, action, now, false, refusal.get().message()));
      }
    }
    List<String> breaches = StartRules.breaches(startRules, context);
    Optional<ChoreographyOverride> override =
        request
            .override()
            .filter(reason -> !breaches.isEmpty())
            .map(reason -> new ChoreographyOverride(request.operator(), reason));
    Rollout planned =
        new Rollout(
            UUID.randomUUID().toString(),
            new RunbookRef(
                runbook.id(), runbook.path(), rendition.runbook().title(), runbook.revision()),
            partition.name(),
            request.operator(),
            new ChatThread(request.channel(), Optional.empty(), request.team()),
            at.isPresent() ? RolloutState.SCHEDULED : RolloutState.RUNNING,
            now,
            at,
            at.isPresent() ? Optional.empty() : Optional.of(now),
            Optional.empty(),
            override,
            StartWarnings.compute(context, override, breaches, risksFound),
            List.copyOf(approvers),
            AccessPolicy.approvals(runbook, partition),
            steps(rendition.runbook(), partition),
            List.of(),
            0);
    Rollout rollout = (at.isPresent() ? planned : StepTransitions.advance(planned, now)).bumped();
    tx.insert(rollout);
    tx.snapshot(rollout.runbook(), runbook.source());
    Acknowledgement ack =
        tx.append(
            new Acknowledgement(
                0,
                Optional.of(rollout.id()),
                partition.name(),
                Optional.empty(),
                Optional.empty(),
                action,
                request.operator(),
                now,
                Optional.of(request.idempotencyKey()),
                true,
                override
                    .map(o -> "override: " + o.reason())
                    .orElse("revision " + runbook.revision().shortId())));
    return new Outcome.Accepted(Optional.of(rollout), ack);
  }

  /** The horizon in words: whole days as days (the config's {@code 14d}), else hours. */
  private static String horizon(java.time.Duration horizon) {
    long days = horizon.toDays();
    return horizon.equals(java.time.Duration.ofDays(days))
        ? days + (days == 1 ? " day" : " days")
        : Durations.format(horizon);
  }

  private List<String> risks(Runbook runbook, Partition partition) {
    try {
      return risks.risks(runbook, partition.name(), runbook.order(choreography.names()));
    } catch (RuntimeException e) {
      // An unreadable register must not stop a rollout; it is said, not hidden.
      return List.of(
          "Earlier run on any partition: the risk register could not be read ("
              + e.getMessage()
              + "); /rollout risks "
              + runbook.id()
              + " lists it when it can");
    }
  }

  private static List<StepRun> steps(Runbook rendered, Partition partition) {
    List<StepRun> steps = new ArrayList<>();
    for (Step step : rendered.steps()) {
      steps.add(
          StepRun.pending(
              Phase.FORWARD,
              step.number(),
              step.number(),
              step.title(),
              step.approvalRequired() || partition.isProtected(),
              step.rollback().isPresent()));
    }
    return steps;
  }

  private static Acknowledgement startAck(
      StartRequest request, Action action, Instant now, boolean accepted, String detail) {
    return new Acknowledgement(
        0,
        Optional.empty(),
        request.partition(),
        Optional.empty(),
        Optional.empty(),
        action,
        request.operator(),
        now,
        Optional.of(request.idempotencyKey()),
        accepted,
        detail);
  }

  /**
   * What the config says about this start before any rule: the runbook is usable, names no approver
   * the partition lacks, enough people may approve its steps there, the operator may operate here,
   * and a schedule is within the horizon. Slack's groups are asked here, before the transaction.
   */
  private Optional<Refusal> gate(
      StartRequest request,
      Runbook runbook,
      Partition partition,
      Optional<Instant> at,
      Instant now) {
    Optional<String> unusable = catalog.get().unusable(runbook.id());
    if (unusable.isPresent()) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.UNSAFE_RUNBOOK,
              "cannot start " + runbook.id() + ": " + unusable.get()));
    }
    List<String> extra = AccessPolicy.extraApprovers(runbook, partition);
    if (!extra.isEmpty()) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.UNSAFE_RUNBOOK,
              "cannot start "
                  + runbook.id()
                  + " on "
                  + partition.name()
                  + ": "
                  + runbook.path()
                  + ":"
                  + runbook.lineOf("approvers")
                  + ": "
                  + AccessPolicy.wideningMessage(runbook, partition, extra)));
    }
    Optional<String> shortfall = AccessPolicy.quorumShortfall(runbook, partition);
    if (shortfall.isPresent()) {
      // Started anyway, it would wait forever at its first step that needs approval.
      return Optional.of(
          new Refusal(
              Refusal.Reason.UNSAFE_RUNBOOK,
              "cannot start " + runbook.id() + " on " + partition.name() + ": " + shortfall.get()));
    }
    ApproverCheck operator = access.mayOperate(runbook, partition, request.operator(), groups);
    if (!operator.approver()) {
      return operator
          .unreadable()
          .or(
              () ->
                  Optional.of(
                      new Refusal(
                          Refusal.Reason.NOT_ALLOWED,
                          "only the operators and approvers of "
                              + partition.name()
                              + " may "
                              + (at.isPresent() ? "schedule" : "start")
                              + " a rollout there (operators: "
                              + ChoreographyRule.mentions(
                                  access.operators(runbook, partition).orElse(Set.of()))
                              + "): ask one of them, or to be added to "
                              + partition.name()
                              + "'s operators in the config")));
    }
    Instant horizon = now.plus(access.scheduleHorizon());
    if (at.isPresent() && at.get().isAfter(horizon)) {
      return Optional.of(
          new Refusal(
              Refusal.Reason.INVALID_TIME,
              Times.format(at.get())
                  + " is more than "
                  + horizon(access.scheduleHorizon())
                  + " ahead (at most "
                  + Times.format(horizon)
                  + "): a schedule holds its partition, so pick a nearer time"));
    }
    return Optional.empty();
  }
}
