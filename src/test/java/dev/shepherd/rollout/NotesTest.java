package dev.shepherd.rollout;

import static dev.shepherd.rollout.EngineFixture.ALICE;
import static dev.shepherd.rollout.EngineFixture.OPERATOR;
import static dev.shepherd.rollout.EngineFixture.accepted;
import static dev.shepherd.rollout.EngineFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.Evidence;
import dev.shepherd.audit.Phase;
import dev.shepherd.testing.DatabaseExtension;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Notes on the record, through the engine on H2: on the current step, once per key. */
class NotesTest {
  @RegisterExtension static final DatabaseExtension db = DatabaseExtension.h2();
  private EngineFixture engine;

  @BeforeEach
  void setUp() {
    engine = new EngineFixture(db.database());
  }

  @Test
  void aNoteLandsOnTheCurrentStepWithItsEvidence() {
    Rollout rollout = engine.started("dev");
    accepted(engine.act(rollout, Action.DONE, 1, OPERATOR));

    Outcome outcome =
        engine.service.note(
            new NoteRequest(
                rollout.id(),
                Optional.empty(),
                ALICE,
                "  drift check printed 0 changes  ",
                List.of(
                    Evidence.link("https://ci.example.com/run/7"),
                    Evidence.file(
                        "drift.txt", "https://example.slack.com/files/U0ALICE/F1/drift.txt")),
                "note-1"));

    Rollout after = accepted(outcome);
    assertThat(after.version()).isEqualTo(rollout.version() + 2);
    Acknowledgement note = engine.service.trail(rollout.id()).get(2);
    assertThat(note.action()).isEqualTo(Action.NOTE);
    assertThat(note.position()).contains(2);
    assertThat(note.phase()).contains(Phase.FORWARD);
    assertThat(note.user()).isEqualTo(ALICE);
    assertThat(note.detail()).isEqualTo("drift check printed 0 changes");
    assertThat(note.evidence())
        .containsExactly(
            Evidence.link("https://ci.example.com/run/7"),
            Evidence.file("drift.txt", "https://example.slack.com/files/U0ALICE/F1/drift.txt"));
  }

  @Test
  void theSameNoteSentTwiceIsOneAcknowledgement() {
    Rollout rollout = engine.started("dev");
    NoteRequest note =
        new NoteRequest(rollout.id(), Optional.empty(), ALICE, "seen", List.of(), "k");

    accepted(engine.service.note(note));
    Outcome again = engine.service.note(note);

    assertThat(again).isInstanceOf(Outcome.Duplicate.class);
    assertThat(engine.service.trail(rollout.id()))
        .extracting(Acknowledgement::action)
        .containsExactly(Action.START, Action.NOTE);
  }

  @Test
  void aNoteForAStepThatMovedOnIsRefusedAndSaysWhere() {
    Rollout rollout = engine.started("dev");
    accepted(engine.act(rollout, Action.DONE, 1, OPERATOR));

    Refusal refusal =
        refused(
            engine.service.note(
                new NoteRequest(
                    rollout.id(),
                    Optional.of(new NoteRequest.StepRef(Phase.FORWARD, 1)),
                    ALICE,
                    "late",
                    List.of(),
                    "k")));

    assertThat(refusal.message())
        .isEqualTo("that step is no longer current: add the note on step 2 (Deploy)");
  }

  @Test
  void aReplyInAThreadOfNoRolloutRecordsNothing() {
    engine.started("dev");

    Optional<Outcome> outcome =
        engine.service.reply(
            EngineFixture.CHANNEL,
            "1764000000.000100",
            new NoteRequest.Draft(ALICE, "hello", List.of(), "reply:1"));

    assertThat(outcome).isEmpty();
  }

  @Test
  void aReplyInARolloutsThreadIsEvidenceOnItsCurrentStep() {
    Rollout rollout =
        engine.service.bindThread(
            engine.started("dev").id(),
            new ChatThread(EngineFixture.CHANNEL, Optional.of("1764000000.000100")));

    Optional<Outcome> outcome =
        engine.service.reply(
            EngineFixture.CHANNEL,
            "1764000000.000100",
            new NoteRequest.Draft(ALICE, "looks fine", List.of(), "reply:1"));

    assertThat(outcome).get().isInstanceOf(Outcome.Accepted.class);
    assertThat(engine.service.trail(rollout.id()).get(1).position()).contains(1);
  }

  @Test
  void whatSomeoneSawIsTheSymptomOfAFailedStepOnly() {
    Rollout rollout = engine.started("dev");
    NoteRequest.StepRef first = new NoteRequest.StepRef(Phase.FORWARD, 1);

    Refusal early =
        refused(
            engine.service.note(
                NoteRequest.symptom(
                    rollout.id(), first, OPERATOR, "503 from the health check", List.of(), "s-1")));
    accepted(engine.act(rollout, Action.FAIL, 1, OPERATOR));
    accepted(
        engine.service.note(
            NoteRequest.symptom(
                rollout.id(), first, OPERATOR, "503 from the health check", List.of(), "s-2")));

    assertThat(early.message())
        .isEqualTo("step 1 (Check for drift) has not failed: add a note instead");
    assertThat(engine.service.trail(rollout.id()))
        .filteredOn(Acknowledgement::accepted)
        .extracting(Acknowledgement::action)
        .containsExactly(Action.START, Action.FAIL, Action.SYMPTOM);
  }
}
