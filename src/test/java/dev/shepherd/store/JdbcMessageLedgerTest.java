package dev.shepherd.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.chat.MessageLedger;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;

/**
 * Which state each posted message was drawn from: two replicas (two ledgers on one database) draw
 * the same message, and a drawing recorded from an older state never passes for what it shows.
 */
class JdbcMessageLedgerTest {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private static final String KEY = "step:forward:2";

  private MessageLedger first;
  private MessageLedger second;

  @BeforeEach
  void twoReplicas(DatabaseExtension db) {
    first = new JdbcMessageLedger(db.database().dataSource(), "replica-a", false);
    second = new JdbcMessageLedger(db.database().dataSource(), "replica-b", false);
    assertThat(first.claim("r1", KEY, "C0DEPLOYS", T0, T0.minusSeconds(120))).isTrue();
    first.posted("r1", KEY, "100.000002", "posted, waiting", 3);
  }

  @DatabaseTest
  void aNewerDrawingIsRecordedWithItsVersion() {
    second.posted("r1", KEY, "100.000002", "done by the operator", 4);

    MessageLedger.Entry entry = first.find("r1", KEY).orElseThrow();
    assertThat(entry.signature()).contains("done by the operator");
    assertThat(entry.drawnVersion()).isEqualTo(4);
    assertThat(entry.drawnAfter(3)).isTrue();
    assertThat(entry.drawnAfter(4)).isFalse();
  }

  @DatabaseTest
  void anOlderDrawingRecordedLateLeavesTheMessageToBeRedrawn() {
    second.posted("r1", KEY, "100.000002", "done by the operator", 4);
    // The other replica's call with the older drawing reached Slack last: what the message shows
    // is not known any more, so no signature matches it and the next sync redraws it.
    first.posted("r1", KEY, "100.000002", "posted, waiting", 3);

    MessageLedger.Entry entry = second.find("r1", KEY).orElseThrow();
    assertThat(entry.signature()).contains("");
    assertThat(entry.drawnVersion()).as("the newest state drawn is kept").isEqualTo(4);
  }

  @DatabaseTest
  void aMessageFoundInSlackAfterALostAnswerHasNoKnownState() {
    assertThat(first.claim("r1", "root", "C0DEPLOYS", T0, T0.minusSeconds(120))).isTrue();
    first.posted("r1", "root", "100.000001", "", MessageLedger.UNKNOWN_VERSION);

    MessageLedger.Entry entry = second.find("r1", "root").orElseThrow();
    assertThat(entry.drawnAfter(0)).isFalse();
    assertThat(entry.signature()).contains("");
  }
}
