package dev.shepherd.rollout;

import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.learning.finding.FindingRiskRegister;
import dev.shepherd.learning.finding.FindingService;
import dev.shepherd.partition.Choreography;
import dev.shepherd.partition.Partition;
import dev.shepherd.rollout.engine.RecordReader;
import dev.shepherd.rollout.engine.RolloutService;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Revision;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookParser;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcAuditLog;
import dev.shepherd.store.JdbcFindingStore;
import dev.shepherd.store.JdbcRolloutStore;
import dev.shepherd.testing.MutableClock;
import dev.shepherd.testing.TestKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An engine on a real database with a three-partition choreography (dev, stage, prod: protected,
 * two approvals, approved by the prod lead, Alice and Bob, operated by the operator) and a
 * four-step runbook: step 2 needs approval, step 3 has no rollback.
 */
public final class EngineFixture {
  public static final String OPERATOR = "U0OPERATOR";
  public static final String ALICE = "U0ALICE";
  public static final String BOB = "U0BOB";
  public static final String PROD_LEAD = "U0PRODLEAD";
  public static final String STRANGER = "U0STRANGER";
  public static final String CHANNEL = "C0DEPLOYS";

  public static final String RUNBOOK =
      """
      ---
      id: oam-secrets
      title: Roll out OAM secrets on {{partition}}
      approvers: [U0ALICE, U0BOB]
      ---
      # OAM secrets

      ## Step 1: Check for drift
      ```bash
      ./amm.sh drift-check --region {{region}}
      ```
      ### Rollback
      Nothing to roll back.

      ## Step 2: Deploy
      Approval: required
      ```bash
      ./amm.sh deploy --vault {{vault}}
      ```
      ### Rollback
      ```bash
      ./amm.sh rollback --vault {{vault}}
      ```

      ## Step 3: Smoke test
      ```bash
      ./amm.sh smoke --region {{region}}
      ```

      ## Step 4: Clean up
      ```bash
      ./amm.sh prune --vault {{vault}}
      ```
      ### Rollback
      ```bash
      ./amm.sh restore --vault {{vault}}
      ```
      """;

  public final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T09:00:00Z"));
  public final Choreography choreography;
  public final AtomicReference<Catalog> catalog = new AtomicReference<>();
  public final Database database;
  public final RolloutService service;
  private final AtomicInteger keys = new AtomicInteger();

  public EngineFixture(Database database) {
    this(database, defaultChoreography());
  }

  public EngineFixture(Database database, Choreography choreography) {
    this(database, choreography, UserGroups.NONE);
  }

  /** An engine whose approvers may name user groups, answered by {@code groups}. */
  public EngineFixture(Database database, Choreography choreography, UserGroups groups) {
    this(database, choreography, groups, false);
  }

  /** What rollouts find, kept per runbook: set only by {@link #learning}. */
  public final FindingService findings;

  private EngineFixture(
      Database database, Choreography choreography, UserGroups groups, boolean learning) {
    this.database = database;
    this.choreography = choreography;
    publish(RUNBOOK, "rev-1");
    JdbcRolloutStore store = new JdbcRolloutStore(database.dataSource(), TestKeys.KEYS);
    this.findings =
        learning
            ? FindingService.of(
                store,
                new RecordReader(store, new JdbcAuditLog(database.dataSource())),
                new JdbcFindingStore(database.dataSource()),
                choreography,
                catalog::get,
                clock)
            : null;
    this.service =
        new RolloutService(
            store,
            choreography,
            catalog::get,
            clock,
            List.of(),
            RolloutObserver.NONE,
            groups,
            learning ? new FindingRiskRegister(findings, store) : RiskRegister.NONE);
  }

  /** An engine whose starts are warned of what earlier rollouts of the runbook found. */
  public static EngineFixture learning(Database database) {
    return new EngineFixture(database, defaultChoreography(), UserGroups.NONE, true);
  }

  public static Choreography defaultChoreography() {
    return new Choreography(
        List.of(
            Partition.of("dev", Map.of("region", "us-east-2", "vault", "Arda-DevOAM")),
            Partition.of("stage", Map.of("region", "us-east-2", "vault", "Arda-StageOAM")),
            new Partition(
                    "prod",
                    Map.of("region", "us-east-1", "vault", "Arda-ProdOAM"),
                    true,
                    List.of(PROD_LEAD, ALICE, BOB),
                    2,
                    List.of(),
                    0)
                .withAccess(List.of(OPERATOR), Partition.RunbookApprovers.NARROW)));
  }

  /** Makes this text the runbook's current revision. */
  public void publish(String text, String revision) {
    Runbook runbook = new RunbookParser().parse("oam-secrets.md", text, Revision.commit(revision));
    catalog.set(new Catalog(List.of(runbook), List.of()));
  }

  public String key() {
    return "key-" + UUID.randomUUID() + "-" + keys.incrementAndGet();
  }

  public Outcome start(String partition, String operator) {
    return service.start(
        new StartRequest("oam-secrets", partition, operator, CHANNEL, Optional.empty(), key()));
  }

  public Outcome override(String partition, String operator, String reason) {
    return service.start(
        new StartRequest("oam-secrets", partition, operator, CHANNEL, Optional.of(reason), key()));
  }

  public Rollout started(String partition) {
    Outcome outcome = start(partition, OPERATOR);
    if (!(outcome instanceof Outcome.Accepted accepted)) {
      throw new AssertionError("expected " + partition + " to start, got " + outcome);
    }
    return accepted.rollout().orElseThrow();
  }

  public Outcome act(Rollout rollout, Action action, int position, String user) {
    return act(rollout.id(), action, Phase.FORWARD, position, user, Optional.empty());
  }

  public Outcome act(
      String rolloutId,
      Action action,
      Phase phase,
      int position,
      String user,
      Optional<String> reason) {
    return service.act(new ActionRequest(rolloutId, action, phase, position, user, key(), reason));
  }

  /** Walks a started rollout to completed, approving where needed. */
  public Rollout complete(Rollout rollout) {
    Rollout current = rollout;
    while (current.state() == RolloutState.RUNNING) {
      StepRun step = current.currentStep().orElseThrow();
      if (step.needsApproval()) {
        List<String> approvers = new ArrayList<>(current.approvers());
        approvers.remove(current.operator());
        for (int i = 0; i < current.approvalsNeeded(); i++) {
          accepted(
              act(
                  current.id(),
                  Action.APPROVE,
                  step.phase(),
                  step.position(),
                  approvers.get(i),
                  Optional.empty()));
        }
      }
      current =
          accepted(
              act(
                  current.id(),
                  Action.DONE,
                  step.phase(),
                  step.position(),
                  current.operator(),
                  Optional.empty()));
    }
    return current;
  }

  public static Rollout accepted(Outcome outcome) {
    if (!(outcome instanceof Outcome.Accepted accepted)) {
      throw new AssertionError("expected the action to be accepted, got " + outcome);
    }
    return accepted.rollout().orElseThrow();
  }

  public static Refusal refused(Outcome outcome) {
    if (!(outcome instanceof Outcome.Refused refused)) {
      throw new AssertionError("expected a refusal, got " + outcome);
    }
    return refused.refusal();
  }
}
