package dev.shepherd.rollout;

import static dev.shepherd.rollout.EngineFixture.OPERATOR;
import static dev.shepherd.rollout.EngineFixture.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Phase;
import dev.shepherd.learning.finding.Resolution;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * A failure's reason and a fix are a person's words kept forever, as a note is: a secret pasted
 * into them is recorded redacted, on the record and on the step, on H2 and PostgreSQL.
 */
class SecretsInReasonsTest {
  /** Built in pieces so no scanner takes this file for a leak. */
  private static final String TOKEN = "xoxb-" + "1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx";

  EngineFixture engine;

  @BeforeEach
  void setUp(DatabaseExtension db) {
    engine = new EngineFixture(db.database());
  }

  @DatabaseTest
  void aSecretInAFailuresReasonAndInItsFixIsRecordedRedacted() {
    Rollout rollout = engine.started("dev");
    accepted(
        engine.act(
            rollout.id(),
            Action.FAIL,
            Phase.FORWARD,
            1,
            OPERATOR,
            Optional.of("the deploy bot's " + TOKEN + " was refused")));
    Rollout failed = engine.service.find(rollout.id()).orElseThrow();
    String stepReason = failed.step(Phase.FORWARD, 1).orElseThrow().reason().orElseThrow();
    accepted(engine.act(failed, Action.RETRY, 1, OPERATOR));
    accepted(engine.act(engine.service.find(rollout.id()).orElseThrow(), Action.DONE, 1, OPERATOR));
    accepted(
        engine.service.hindsight(
            new AfterTheFactRequest(
                rollout.id(),
                Action.RESOLVE,
                1,
                OPERATOR,
                Resolution.encode("rotated password=hunter2hunter2 in the vault", "expired"),
                engine.key())));

    assertThat(stepReason).doesNotContain(TOKEN).contains("[redacted");
    assertThat(engine.service.trail(rollout.id()))
        .extracting(Acknowledgement::detail)
        .noneMatch(detail -> detail.contains(TOKEN) || detail.contains("hunter2hunter2"))
        .anyMatch(detail -> detail.startsWith("the deploy bot's [redacted"))
        .anyMatch(detail -> detail.startsWith("fix: rotated password=[redacted"));
  }
}
