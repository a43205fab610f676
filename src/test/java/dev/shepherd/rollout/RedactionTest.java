package dev.shepherd.rollout;

import static dev.shepherd.rollout.EngineFixture.ALICE;
import static dev.shepherd.rollout.EngineFixture.BOB;
import static dev.shepherd.rollout.EngineFixture.STRANGER;
import static dev.shepherd.rollout.EngineFixture.accepted;
import static dev.shepherd.rollout.EngineFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.audit.ChainLink;
import dev.shepherd.audit.Evidence;
import dev.shepherd.audit.Phase;
import dev.shepherd.cli.Cli;
import dev.shepherd.cli.Main;
import dev.shepherd.store.JdbcAuditLog;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import dev.shepherd.testing.TestKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A redaction is an acknowledgement that supersedes a note's text, never an edit: the note's row
 * stays as stored and hashed, every reader shows it redacted, and {@code audit verify} still holds.
 * Who may: the note's author or a keeper of the rollout's partition. On H2 and on PostgreSQL.
 */
class RedactionTest {
  private static final String SECRET_TEXT = "logged in as ACME Corp's admin, password hunter2";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path out;
  private DatabaseExtension db;
  private EngineFixture engine;
  private Rollout rollout;
  private Acknowledgement note;

  @BeforeEach
  void aNoteByAliceOnStepOne(DatabaseExtension db) {
    this.db = db;
    engine = new EngineFixture(db.database());
    rollout = engine.started("dev");
    engine.clock.advance(Duration.ofMinutes(1));
    accepted(
        engine.service.note(
            new NoteRequest(
                rollout.id(),
                Optional.empty(),
                ALICE,
                SECRET_TEXT,
                List.of(Evidence.link("https://crm.example.com/customers/acme")),
                engine.key())));
    note = noteOf(engine.service.trail(rollout.id()));
  }

  @DatabaseTest
  void theAuthorRedactsTheirNoteAfterTheEndAndTheExportNoLongerShowsItWhileVerifyHolds()
      throws Exception {
    Rollout ended = engine.complete(rollout);
    String storedHash = linkOf(note.id()).hash();
    engine.clock.advance(Duration.ofMinutes(10));

    Outcome outcome = redact(ALICE, note.id(), "pasted a customer's name | and a password");

    assertThat(accepted(outcome).version()).isEqualTo(ended.version() + 1);
    String shown =
        "[redacted by U0ALICE at 2026-11-27 09:11:00 UTC: pasted a customer's name | and a"
            + " password]";
    Cli.Result markdown = export("markdown");
    assertThat(markdown.exitCode()).as(markdown.err()).isZero();
    assertThat(markdown.out())
        .doesNotContain("hunter2", "ACME", "crm.example.com")
        .contains(
            "- Note by U0ALICE at 2026-11-27 09:01:00 UTC:\n  > " + shown + "\n",
            "| "
                + note.id()
                + " | 2026-11-27 09:01:00 UTC | U0ALICE | note | forward step 1 | yes | "
                + shown.replace("|", "\\|")
                + " | 2 | `"
                + storedHash
                + "` |",
            "| U0ALICE | redact |  | yes | #"
                + note.id()
                + ": pasted a customer's name \\| and a password |");
    JsonNode acks =
        JSON.readTree(export("json").out()).path("rollouts").get(0).path("acknowledgements");
    JsonNode superseded = acks.get(1);
    assertThat(superseded.path("detail").asText()).isEqualTo(shown);
    assertThat(superseded.path("evidence")).isEmpty();
    assertThat(superseded.path("chain").path("hash").asText()).isEqualTo(storedHash);
    assertThat(superseded.path("redactedBy").asLong())
        .isEqualTo(acks.get(acks.size() - 1).path("id").asLong());
    assertThat(acks.get(acks.size() - 1).path("action").asText()).isEqualTo("redact");
    assertThat(export("csv").out()).doesNotContain("hunter2", "ACME").contains(storedHash);
    // The row itself is as it was stored: the chain's walk reads it so, and verify holds.
    assertThat(new JdbcAuditLog(db.database().dataSource()).chain(rollout.id()))
        .extracting(ChainLink::acknowledgement)
        .filteredOn(a -> a.id() == note.id())
        .singleElement()
        .extracting(Acknowledgement::detail)
        .isEqualTo(SECRET_TEXT);
    Cli.Result verify =
        Cli.run(
            "audit",
            "verify",
            "--db",
            db.url(),
            "--db-user",
            db.user(),
            "--audit-key-file",
            TestKeys.file().toString());
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.outLines()).last().asString().endsWith("every chain holds");
    String pack = evidencePack();
    assertThat(pack)
        .doesNotContain("hunter2", "ACME", "crm\\.example")
        .contains(
            "- note on step 1 by U0ALICE at 2026-11-27 09:01:00 UTC: \\[redacted by U0ALICE at"
                + " 2026\\-11\\-27 09\\:11\\:00 UTC\\: pasted a customer's name \\| and a password\\]\n",
            "| Record check | verify\\: the chain of ");
  }

  /** The evidence pack's page of this rollout, as {@code audit evidence} writes it. */
  private String evidencePack() throws Exception {
    StringWriter printed = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(printed),
            new PrintWriter(err),
            Map.of("SHEPHERD_AUDIT_KEY", TestKeys.SECRET),
            Optional.empty(),
            "audit",
            "evidence",
            "--db",
            db.url(),
            "--db-user",
            db.user(),
            "--from",
            "2026-11-27",
            "--to",
            "2026-11-27",
            "--out",
            out.toString());
    assertThat(exit).as(err.toString()).isZero();
    try (Stream<Path> pages = Files.list(out)) {
      return Files.readString(
          pages
              .filter(p -> p.getFileName().toString().contains(rollout.id().substring(0, 8)))
              .findFirst()
              .orElseThrow());
    }
  }

  @DatabaseTest
  void aStrangersRedactionIsRefusedWithTheReasonAndTheNoteStands() {
    Refusal refusal = refused(redact(STRANGER, note.id(), "I do not like it"));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.NOT_ALLOWED);
    assertThat(refusal.message())
        .isEqualTo(
            "only who wrote it (U0ALICE) or a keeper of dev may redact note "
                + note.id()
                + " from the record");
    List<Acknowledgement> trail = engine.service.trail(rollout.id());
    assertThat(noteOf(trail).detail()).isEqualTo(SECRET_TEXT);
    assertThat(trail.get(trail.size() - 1))
        .satisfies(
            attempt -> {
              assertThat(attempt.action()).isEqualTo(Action.REDACT);
              assertThat(attempt.accepted()).isFalse();
              assertThat(attempt.user()).isEqualTo(STRANGER);
            });
  }

  @DatabaseTest
  void aKeeperOfThePartitionMayRedactAnyonesNote() {
    // dev names no approvers: the fleet's keepers (prod's approvers) keep it.
    accepted(redact(BOB, note.id(), "a customer's name"));

    assertThat(noteOf(engine.service.trail(rollout.id())).detail())
        .startsWith("[redacted by U0BOB at ")
        .endsWith(": a customer's name]");
  }

  @DatabaseTest
  void aSecondRedactionOfTheSameNoteIsANoOpThatSaysWhoRedactedIt() {
    accepted(redact(ALICE, note.id(), "a password"));

    Outcome again = redact(BOB, note.id(), "a customer's name");

    assertThat(again).isInstanceOf(Outcome.Duplicate.class);
    assertThat(again.acknowledgement().user()).isEqualTo(ALICE);
    assertThat(again.acknowledgement().detail()).isEqualTo("#" + note.id() + ": a password");
    assertThat(engine.service.redaction(rollout.id(), note.id()))
        .hasValueSatisfying(
            r -> assertThat(r.when()).isEqualTo("by U0ALICE at 2026-11-27 09:01:00 UTC"));
    assertThat(engine.service.trail(rollout.id()))
        .filteredOn(a -> a.action() == Action.REDACT)
        .hasSize(1);
  }

  @DatabaseTest
  void aStrangerIsRefusedARedactedNoteAndIsNotToldWhoRedactedItOrWhy() {
    accepted(redact(ALICE, note.id(), "a password"));

    Refusal refusal = refused(redact(STRANGER, note.id(), "who did it?"));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.NOT_ALLOWED);
    assertThat(refusal.message())
        .isEqualTo(
            "only who wrote it (U0ALICE) or a keeper of dev may redact note "
                + note.id()
                + " from the record");
    List<Acknowledgement> trail = engine.service.trail(rollout.id());
    assertThat(trail.get(trail.size() - 1))
        .satisfies(
            attempt -> {
              assertThat(attempt.action()).isEqualTo(Action.REDACT);
              assertThat(attempt.accepted()).isFalse();
              assertThat(attempt.user()).isEqualTo(STRANGER);
              assertThat(attempt.detail()).isEqualTo(refusal.message());
            });
  }

  @DatabaseTest
  void onlyWhatAPersonWroteMayBeRedactedAndAlwaysWithAReason() {
    long start = engine.service.trail(rollout.id()).get(0).id();

    assertThat(refused(redact(ALICE, start, "no")).message())
        .isEqualTo(
            "acknowledgement "
                + start
                + " of rollout "
                + rollout.id()
                + " is a start, not a note: only notes, symptoms, fixes and outsiders' notes can"
                + " be redacted");
    assertThat(refused(redact(ALICE, 999_999, "no")).message())
        .isEqualTo(
            "rollout "
                + rollout.id()
                + " has no acknowledgement 999999: its export numbers its rows (the # column)");
    assertThat(refused(redact(ALICE, note.id(), "  ")).message())
        .isEqualTo("a redaction needs a reason: say why it comes off the record");
    assertThat(noteOf(engine.service.trail(rollout.id())).detail()).isEqualTo(SECRET_TEXT);
  }

  @DatabaseTest
  void aNoteOfAnotherRolloutIsNotOneOfThisRecordAndIsRefusedSo() {
    engine.complete(rollout);
    Rollout other = engine.started("dev");

    Refusal refusal = refused(redact(other.id(), ALICE, note.id(), "wrong rollout"));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.NOT_FOUND);
    assertThat(refusal.message())
        .isEqualTo(
            "rollout "
                + other.id()
                + " has no acknowledgement "
                + note.id()
                + ": its export numbers its rows (the # column)");
    assertThat(noteOf(engine.service.trail(rollout.id())).detail()).isEqualTo(SECRET_TEXT);
    assertThat(engine.service.trail(other.id()))
        .filteredOn(a -> a.action() == Action.REDACT)
        .singleElement()
        .satisfies(attempt -> assertThat(attempt.accepted()).isFalse());
  }

  @DatabaseTest
  void aRedactionIsNotANoteAndCannotBeRedacted() {
    accepted(redact(ALICE, note.id(), "a password"));
    long redactionId =
        engine.service.trail(rollout.id()).stream()
            .filter(a -> a.action() == Action.REDACT)
            .findFirst()
            .orElseThrow()
            .id();

    Refusal refusal = refused(redact(ALICE, redactionId, "its reason names the customer too"));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.NOT_FOUND);
    assertThat(refusal.message())
        .isEqualTo(
            "acknowledgement "
                + redactionId
                + " of rollout "
                + rollout.id()
                + " is a redaction, not a note: only notes, symptoms, fixes and outsiders' notes"
                + " can be redacted");
  }

  @DatabaseTest
  void aRefusedNoteHoldsNoNoteAndCannotBeRedacted() {
    refused(
        engine.service.note(
            new NoteRequest(
                rollout.id(),
                Optional.of(new NoteRequest.StepRef(Phase.FORWARD, 3)),
                ALICE,
                "on a step not walked yet",
                List.of(),
                engine.key())));
    long refusedNote =
        engine.service.trail(rollout.id()).stream()
            .filter(a -> a.action() == Action.NOTE && !a.accepted())
            .findFirst()
            .orElseThrow()
            .id();

    Refusal refusal = refused(redact(ALICE, refusedNote, "never said"));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.NOT_FOUND);
    assertThat(refusal.message())
        .isEqualTo(
            "acknowledgement "
                + refusedNote
                + " of rollout "
                + rollout.id()
                + " is a refused attempt, not a note: only notes, symptoms, fixes and outsiders'"
                + " notes can be redacted");
  }

  @DatabaseTest
  void aSecretInTheReasonIsRedactedToo() {
    String token = "xoxb-" + "1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx";

    accepted(redact(ALICE, note.id(), "it held " + token));

    assertThat(engine.service.trail(rollout.id()))
        .extracting(Acknowledgement::detail)
        .noneMatch(d -> d.contains(token));
  }

  private Outcome redact(String user, long target, String reason) {
    return redact(rollout.id(), user, target, reason);
  }

  private Outcome redact(String rolloutId, String user, long target, String reason) {
    return engine.service.redact(new RedactRequest(rolloutId, target, user, reason, engine.key()));
  }

  private Cli.Result export(String format) {
    return Cli.run(
        "audit",
        "export",
        rollout.id(),
        "--db",
        db.url(),
        "--db-user",
        db.user(),
        "--format",
        format);
  }

  private ChainLink.Link linkOf(long id) {
    return new JdbcAuditLog(db.database().dataSource())
        .chain(rollout.id()).stream()
            .filter(l -> l.acknowledgement().id() == id)
            .findFirst()
            .orElseThrow()
            .link()
            .orElseThrow();
  }

  private static Acknowledgement noteOf(List<Acknowledgement> trail) {
    return trail.stream()
        .filter(a -> a.action() == Action.NOTE && a.phase().equals(Optional.of(Phase.FORWARD)))
        .findFirst()
        .orElseThrow();
  }
}
