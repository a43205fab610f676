package dev.shepherd.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which acknowledgements a trail's redactions supersede, whatever order the trail lists them. */
class RedactionsTest {
  private static final Instant AT = Instant.parse("2026-11-27T09:00:00Z");

  @Test
  void aRedactionListedBeforeItsNoteStillSupersedesIt() {
    Acknowledgement note = ack(7, Action.NOTE, "U0ALICE", true, "ACME-CORP's password");
    Acknowledgement redaction =
        ack(9, Action.REDACT, "U0ALICE", true, Redaction.encode(7, "names a customer"));

    List<Acknowledgement> shown = Redactions.shown(List.of(redaction, note));

    assertThat(Redactions.in(List.of(redaction, note)))
        .containsOnlyKeys(7L)
        .extractingByKey(7L)
        .satisfies(r -> assertThat(r.id()).isEqualTo(9));
    assertThat(shown.get(1).detail())
        .isEqualTo("[redacted by U0ALICE at 2026-11-27 09:00:00 UTC: names a customer]");
    assertThat(shown.get(0)).isEqualTo(redaction);
  }

  @Test
  void theFirstRedactionListedOfANoteIsTheOneShown() {
    Acknowledgement note = ack(7, Action.NOTE, "U0ALICE", true, "ACME-CORP's password");
    Acknowledgement first = ack(8, Action.REDACT, "U0ALICE", true, Redaction.encode(7, "first"));
    Acknowledgement second = ack(9, Action.REDACT, "U0BOB", true, Redaction.encode(7, "second"));

    assertThat(Redactions.in(List.of(note, first, second)).get(7L).reason()).isEqualTo("first");
  }

  @Test
  void aRedactionNamingARefusedNoteOrAnotherRedactionSupersedesNothing() {
    Acknowledgement refused = ack(7, Action.NOTE, "U0ALICE", false, "too long");
    Acknowledgement redaction =
        ack(8, Action.REDACT, "U0ALICE", true, Redaction.encode(7, "names a customer"));
    Acknowledgement ofRedaction =
        ack(9, Action.REDACT, "U0ALICE", true, Redaction.encode(8, "again"));

    assertThat(Redactions.in(List.of(ofRedaction, refused, redaction))).isEmpty();
  }

  private static Acknowledgement ack(
      long id, Action action, String user, boolean accepted, String detail) {
    return new Acknowledgement(
        id,
        Optional.of("r1"),
        "dev",
        Optional.empty(),
        Optional.empty(),
        action,
        user,
        AT,
        Optional.of("key-" + id),
        accepted,
        detail);
  }
}
