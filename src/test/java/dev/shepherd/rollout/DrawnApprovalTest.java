package dev.shepherd.rollout;

import static dev.shepherd.rollout.EngineFixture.ALICE;
import static dev.shepherd.rollout.EngineFixture.OPERATOR;
import static dev.shepherd.rollout.EngineFixture.accepted;
import static dev.shepherd.rollout.EngineFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.partition.Choreography;
import dev.shepherd.partition.Partition;
import dev.shepherd.runbook.Step;
import dev.shepherd.store.Database;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * An approval is bound to the step as it was drawn for the approver: when the pinned runbook or its
 * rendering for the partition changes between drawing and clicking, the click is refused as out of
 * date; an approval of the step as it is records its fingerprint.
 */
class DrawnApprovalTest {
  private Database database;
  private EngineFixture drawing;

  @BeforeEach
  void setUp(DatabaseExtension db) {
    database = db.database();
    drawing = new EngineFixture(database);
  }

  @DatabaseTest
  void anApprovalOfTheStepAsDrawnIsRecordedWithItsFingerprint() {
    Rollout rollout = atDeploy(drawing);
    String drawn = fingerprint(drawing, rollout, 2);

    Rollout approved = accepted(approve(drawing, rollout, drawn));

    assertThat(approved.step(Phase.FORWARD, 2).orElseThrow().approvedBy()).containsExactly(ALICE);
    assertThat(approvals(drawing, rollout))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.accepted()).isTrue();
              assertThat(a.drawn()).contains(drawn);
            });
  }

  @DatabaseTest
  void anApprovalOfAStepWhoseRenderingChangedAfterDrawingIsRefused() {
    Rollout rollout = atDeploy(drawing);
    String drawn = fingerprint(drawing, rollout, 2);
    // Shepherd restarted with dev's vault renamed in shepherd.yaml: the same pinned revision now
    // renders another deploy command than the one the approver read.
    EngineFixture restarted = new EngineFixture(database, renamedVault());

    Refusal refusal = refused(approve(restarted, rollout, drawn));

    String now = fingerprint(restarted, rollout, 2);
    assertThat(now).isNotEqualTo(drawn);
    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.CHANGED_SINCE_DRAWN);
    assertThat(refusal.message())
        .isEqualTo(
            "step 2 (Deploy) changed after it was drawn for you (you saw "
                + drawn
                + ", it is now "
                + now
                + "): your approve was not recorded. The step has been redrawn: read it again,"
                + " then click again.");
    Rollout after = restarted.service.find(rollout.id()).orElseThrow();
    assertThat(after.step(Phase.FORWARD, 2).orElseThrow().approvedBy()).isEmpty();
    assertThat(approvals(restarted, rollout))
        .singleElement()
        .satisfies(a -> assertThat(a.accepted()).isFalse());

    accepted(approve(restarted, rollout, now));
    assertThat(approvals(restarted, rollout))
        .filteredOn(Acknowledgement::accepted)
        .singleElement()
        .satisfies(a -> assertThat(a.drawn()).contains(now));
  }

  @DatabaseTest
  void anApprovalOfAStepWhosePinnedTextChangedAfterDrawingIsRefused() throws Exception {
    Rollout rollout = atDeploy(drawing);
    String drawn = fingerprint(drawing, rollout, 2);
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE runbook_snapshots SET content = REPLACE(content, ?, ?)")) {
      update.setString(1, "./amm.sh deploy --vault");
      update.setString(2, "./amm.sh deploy --force --vault");
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
    // Another replica (or this one after a restart) renders the runbook from the stored text.
    EngineFixture replica = new EngineFixture(database);

    Refusal refusal = refused(approve(replica, rollout, drawn));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.CHANGED_SINCE_DRAWN);
    Step now = replica.service.pinned(rollout).orElseThrow().runbook().steps().get(1);
    assertThat(now.instructions().commands().get(0).code().strip())
        .isEqualTo("./amm.sh deploy --force --vault Arda-DevOAM");
    assertThat(replica.service.find(rollout.id()).orElseThrow().step(Phase.FORWARD, 2))
        .hasValueSatisfying(s -> assertThat(s.approvedBy()).isEmpty());
  }

  @DatabaseTest
  void aClickThatCarriesNoDrawingIsJudgedOnTheStepAlone() {
    Rollout rollout = atDeploy(drawing);
    EngineFixture restarted = new EngineFixture(database, renamedVault());

    accepted(restarted.act(rollout, Action.APPROVE, 2, ALICE));

    assertThat(approvals(restarted, rollout))
        .singleElement()
        .satisfies(a -> assertThat(a.drawn()).isEmpty());
  }

  private static Rollout atDeploy(EngineFixture engine) {
    Rollout rollout = engine.started("dev");
    return accepted(engine.act(rollout, Action.DONE, 1, OPERATOR));
  }

  private static String fingerprint(EngineFixture engine, Rollout rollout, int position) {
    Rollout current = engine.service.find(rollout.id()).orElseThrow();
    StepRun run = current.step(Phase.FORWARD, position).orElseThrow();
    Step step =
        engine.service.pinned(current).orElseThrow().runbook().steps().get(run.runbookStep() - 1);
    return StepFingerprint.of(current, run, step);
  }

  private static Outcome approve(EngineFixture engine, Rollout rollout, String drawn) {
    return engine.service.act(
        new ActionRequest(
            rollout.id(),
            Action.APPROVE,
            Phase.FORWARD,
            2,
            ALICE,
            engine.key(),
            Optional.empty(),
            Optional.of(drawn)));
  }

  private static List<Acknowledgement> approvals(EngineFixture engine, Rollout rollout) {
    return engine.service.trail(rollout.id()).stream()
        .filter(a -> a.action() == Action.APPROVE)
        .toList();
  }

  private static Choreography renamedVault() {
    Choreography usual = EngineFixture.defaultChoreography();
    return new Choreography(
        List.of(
            Partition.of("dev", Map.of("region", "us-east-2", "vault", "Arda-DevOAM-2")),
            usual.find("stage").orElseThrow(),
            usual.find("prod").orElseThrow()));
  }
}
