package dev.shepherd.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.cli.Cli;
import dev.shepherd.rollout.EngineFixture;
import dev.shepherd.rollout.NoteRequest;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcAuditLog;
import dev.shepherd.store.JdbcRolloutStore;
import dev.shepherd.store.KeyedStartTable;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import dev.shepherd.testing.Databases;
import dev.shepherd.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@code shepherd audit verify} against rows changed behind Shepherd's back, straight in SQL: each
 * change is named by the first row that shows it, and the exit code is 1. Run on H2 and on
 * PostgreSQL (with the append-only trigger disabled for the test's own schema).
 */
class AuditVerifyTest {
  private DatabaseExtension db;
  Database database;
  EngineFixture engine;
  Rollout first;
  Rollout second;

  /**
   * On PostgreSQL, disables the trigger of this test's own schema only: the change a DBA with the
   * owner's rights could make. H2 has no append-only trigger (V2): nothing to disable.
   */
  void allowChanges(Statement statement) throws SQLException {
    if (db.kind() == Databases.POSTGRES) {
      statement.execute(
          "ALTER TABLE "
              + db.schema()
              + ".acknowledgements DISABLE TRIGGER acknowledgements_append_only");
    }
  }

  @BeforeEach
  void twoRolloutsAndAFreeze(DatabaseExtension db) {
    this.db = db;
    database = db.database();
    engine = new EngineFixture(database);
    first = engine.complete(engine.started("dev"));
    second = engine.started("stage");
    EngineFixture.accepted(engine.act(second, Action.DONE, 1, EngineFixture.OPERATOR));
    engine.service.freeze("prod", EngineFixture.PROD_LEAD, "INC-7", engine.key());
  }

  private Cli.Result verify() {
    return verify(TestKeys.file());
  }

  private Cli.Result verify(Path keyFile) {
    return Cli.run(
        "audit",
        "verify",
        "--db",
        db.url(),
        "--db-user",
        db.user(),
        "--audit-key-file",
        keyFile.toString());
  }

  private void sql(String statement) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement s = connection.createStatement()) {
      allowChanges(s);
      s.executeUpdate(statement);
    }
  }

  private String quoted(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private long idOf(Rollout rollout, int index) {
    return trail(rollout).get(index).id();
  }

  private List<Acknowledgement> trail(Rollout rollout) {
    return engine.service.trail(rollout.id());
  }

  @DatabaseTest
  void anUntouchedDatabaseVerifiesClean() {
    Cli.Result result = verify();

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.outLines())
        .containsExactly("checked 9 acknowledgement(s) on 3 chain(s): every chain holds");
  }

  @DatabaseTest
  void anEditedRowIsNamed() throws SQLException {
    long done = idOf(first, 1);
    sql("UPDATE acknowledgements SET user_id = 'U0MALLORY' WHERE id = " + done);

    Cli.Result result = verify();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.outLines())
        .containsExactly(
            "edited: acknowledgement "
                + done
                + " (done on step 1 by U0MALLORY at 2026-11-27 09:00 UTC)"
                + " of rollout "
                + first.id()
                + " was edited: its content no longer matches its keyed hash",
            "checked 9 acknowledgement(s) on 3 chain(s): 1 chain(s) do not hold");
  }

  @DatabaseTest
  void anEditedRowRehashedWithThePlainSha256IsNamed() throws SQLException {
    long approve = idOf(first, 2);
    ChainLink stored = new JdbcAuditLog(database.dataSource()).chain(first.id()).get(2);
    ChainLink.Link link = stored.link().orElseThrow();
    Acknowledgement forged =
        new Acknowledgement(
            approve,
            stored.acknowledgement().rolloutId(),
            "dev",
            stored.acknowledgement().phase(),
            stored.acknowledgement().position(),
            Action.APPROVE,
            "U0MALLORY",
            stored.acknowledgement().at(),
            stored.acknowledgement().idempotencyKey(),
            true,
            "");
    sql(
        "UPDATE acknowledgements SET user_id = 'U0MALLORY', row_hash = '"
            + RecordHash.of(link.chainKey(), link.seq(), link.previousHash(), forged)
            + "' WHERE id = "
            + approve);

    Cli.Result result = verify();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.outLines().get(0))
        .isEqualTo(
            "edited: acknowledgement "
                + approve
                + " (approve on step 2 by U0MALLORY at 2026-11-27 09:00 UTC) of rollout "
                + first.id()
                + " was edited: its content no longer matches its keyed hash");
  }

  @DatabaseTest
  void aDeletedRowIsNamed() throws SQLException {
    long deleted = idOf(first, 2);
    long after = idOf(first, 3);
    sql("DELETE FROM acknowledgements WHERE id = " + deleted);

    Cli.Result result = verify();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.outLines())
        .containsExactly(
            "deleted: 1 link(s) of rollout "
                + first.id()
                + " were deleted before acknowledgement "
                + after
                + " (done on step 2 by U0OPERATOR at 2026-11-27 09:00 UTC): link 3 is missing",
            "checked 8 acknowledgement(s) on 3 chain(s): 1 chain(s) do not hold");
  }

  @DatabaseTest
  void deletedLastRowsAreNamed() throws SQLException {
    long last = idOf(second, 1);
    long kept = idOf(second, 0);
    sql("DELETE FROM acknowledgements WHERE id = " + last);

    Cli.Result result = verify();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.outLines().get(0))
        .isEqualTo(
            "deleted: the last 1 link(s) of rollout "
                + second.id()
                + " were deleted after acknowledgement "
                + kept
                + " (start by U0OPERATOR at 2026-11-27 09:00 UTC): its head names link 2, acknowledgement "
                + last);
  }

  @DatabaseTest
  void aRolloutWhoseRowsWereAllDeletedIsNamedByItsHead() throws SQLException {
    long last = idOf(second, 1);
    sql("DELETE FROM acknowledgements WHERE rollout_id = '" + second.id() + "'");

    Cli.Result result = verify();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.outLines())
        .containsExactly(
            "deleted: every row of rollout "
                + second.id()
                + " was deleted: its head names 2 link(s),"
                + " the last acknowledgement "
                + last,
            "checked 7 acknowledgement(s) on 2 chain(s): 1 chain(s) do not hold");
  }

  @DatabaseTest
  void aRowInsertedOnNoChainIsNamed() throws SQLException {
    sql(
        "INSERT INTO acknowledgements (rollout_id, partition_name, action, user_id, acted_at,"
            + " accepted, detail) VALUES ('"
            + first.id()
            + "', 'dev', 'approve', 'U0MALLORY',"
            + " TIMESTAMP WITH TIME ZONE '2026-11-27 10:00:00+00', TRUE, '')");
    long inserted = trail(first).get(trail(first).size() - 1).id();

    Cli.Result result = verify();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.outLines())
        .containsExactly(
            "inserted: acknowledgement "
                + inserted
                + " (approve by U0MALLORY at 2026-11-27 10:00 UTC)"
                + " was inserted outside Shepherd: it is on no chain",
            "checked 9 acknowledgement(s) on 3 chain(s): 1 chain(s) do not hold");
  }

  @DatabaseTest
  void aRowInsertedPastItsChainsHeadIsNamed() throws SQLException {
    sql(
        "INSERT INTO acknowledgements (rollout_id, partition_name, action, user_id, acted_at,"
            + " accepted, detail, chain_key, chain_seq, prev_hash, row_hash) VALUES ('"
            + second.id()
            + "', 'stage', 'done', 'U0MALLORY', TIMESTAMP WITH TIME ZONE '2026-11-27 10:00:00+00',"
            + " TRUE, '', 'rollout:"
            + second.id()
            + "', 3, '"
            + "0".repeat(64)
            + "', '"
            + "0".repeat(64)
            + "')");
    long inserted = trail(second).get(2).id();

    Cli.Result result = verify();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.outLines().get(0))
        .isEqualTo(
            "inserted: acknowledgement "
                + inserted
                + " (done by U0MALLORY at 2026-11-27 10:00 UTC) is link 3 of rollout "
                + second.id()
                + ", past its head (link 2): inserted outside Shepherd");
  }

  @DatabaseTest
  void aRolloutsOperatorAndAStepsFinisherRewrittenInSqlAreNamed() throws SQLException {
    long start = idOf(second, 0);
    long done = idOf(first, 1);
    sql("UPDATE rollouts SET operator_id = 'U0MALLORY' WHERE id = " + quoted(second.id()));
    sql(
        "UPDATE rollout_steps SET finished_by = 'U0MALLORY' WHERE rollout_id = "
            + quoted(first.id())
            + " AND phase = 'forward' AND step_position = 1");

    Cli.Result result = verify();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.outLines())
        .containsExactly(
            "rewritten: step 1 of rollout "
                + first.id()
                + " says done by U0MALLORY, but its record says done by U0OPERATOR"
                + " (acknowledgement "
                + done
                + ")",
            "rewritten: rollout "
                + second.id()
                + " names U0MALLORY as its operator, but its record says U0OPERATOR started it"
                + " (acknowledgement "
                + start
                + ")",
            "checked 9 acknowledgement(s) on 3 chain(s): 2 chain(s) do not hold");
  }

  @DatabaseTest
  void aRolloutRewrittenAsCompletedIsNamed() throws SQLException {
    long last = idOf(second, 1);
    sql(
        "UPDATE rollouts SET state = 'completed', ended_at = started_at WHERE id = "
            + quoted(second.id()));

    Cli.Result result = verify();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.outLines())
        .containsExactly(
            "rewritten: rollout "
                + second.id()
                + " (completed) was rewritten: its rows are not the state its last accepted"
                + " acknowledgement "
                + last
                + " (done on step 1 by U0OPERATOR at 2026-11-27 09:00 UTC) recorded",
            "checked 9 acknowledgement(s) on 3 chain(s): 1 chain(s) do not hold");
  }

  @DatabaseTest
  void anApprovalSlippedInAfterRaisingTheChainStartIsNamed() throws SQLException {
    sql("UPDATE audit_chain_start SET first_chained_id = 1000000");
    sql(
        "INSERT INTO acknowledgements (rollout_id, partition_name, step_phase, step_position,"
            + " action, user_id, acted_at, accepted, detail) VALUES ("
            + quoted(second.id())
            + ", 'stage', 'forward', 2, 'approve', 'U0MALLORY',"
            + " TIMESTAMP WITH TIME ZONE '2026-11-27 10:00:00+00', TRUE, '')");
    long inserted = trail(second).get(trail(second).size() - 1).id();

    Cli.Result result = verify();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.outLines())
        .containsExactly(
            "inserted: acknowledgement "
                + inserted
                + " (approve on step 2 by U0MALLORY at 2026-11-27 10:00 UTC)"
                + " was inserted outside Shepherd: it is on no chain",
            "checked 9 acknowledgement(s) on 3 chain(s): 1 chain(s) do not hold");
  }

  @DatabaseTest
  void anApprovalSlippedInAmongTheRowsBeforeTheKeyIsNamed() throws SQLException {
    // What serve does at start; it holds the rows written so far: these rollouts' keyed rows only.
    KeyedStart start = KeyedStartTable.ensure(database.dataSource(), TestKeys.KEYS);
    sql(
        "INSERT INTO acknowledgements (id, rollout_id, partition_name, step_phase, step_position,"
            + " action, user_id, acted_at, accepted, detail) VALUES (-5, "
            + quoted(second.id())
            + ", 'stage', 'forward', 2, 'approve', 'U0MALLORY',"
            + " TIMESTAMP WITH TIME ZONE '2026-11-27 10:00:00+00', TRUE, '')");

    Cli.Result result = verify();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.outLines())
        .containsExactly(
            "edited: the rows written before the key (through acknowledgement "
                + start.throughId()
                + ") are not the ones the keyed start holds: 1 now, 0 when the key began",
            "checked 9 acknowledgement(s) on 3 chain(s): 1 chain(s) do not hold");
  }

  @DatabaseTest
  void aChainRecomputedWithoutTheKeyIsNamed() throws SQLException {
    List<ChainLink> chain = new JdbcAuditLog(database.dataSource()).chain(first.id());
    long approve = idOf(first, 2);
    // Whoever holds the database rewrites an approval and re-links every row after it, as the
    // documentation says links are made, with the only key they have: a guess.
    AuditKey guess = AuditKey.of("mallory-does-not-have-the-key-0123456789");
    String previous = chain.get(2).link().orElseThrow().previousHash();
    for (ChainLink stored : chain.subList(2, chain.size())) {
      ChainLink.Link link = stored.link().orElseThrow();
      Acknowledgement ack = stored.acknowledgement();
      Acknowledgement forged =
          ack.id() == approve
              ? new Acknowledgement(
                  ack.id(),
                  ack.rolloutId(),
                  ack.partition(),
                  ack.phase(),
                  ack.position(),
                  ack.action(),
                  "U0MALLORY",
                  ack.at(),
                  ack.idempotencyKey(),
                  ack.accepted(),
                  ack.detail(),
                  ack.evidence())
              : ack;
      String hash =
          RecordHash.keyed(
              guess, link.chainKey(), link.seq(), previous, forged, link.stateDigest());
      sql(
          "UPDATE acknowledgements SET user_id = "
              + quoted(forged.user())
              + ", prev_hash = "
              + quoted(previous)
              + ", row_hash = "
              + quoted(hash)
              + " WHERE id = "
              + ack.id());
      previous = hash;
    }
    sql(
        "UPDATE audit_chain_heads SET row_hash = "
            + quoted(previous)
            + " WHERE chain_key = "
            + quoted("rollout:" + first.id()));

    Cli.Result result = verify();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.outLines())
        .containsExactly(
            "edited: acknowledgement "
                + approve
                + " (approve on step 2 by U0MALLORY at 2026-11-27 09:00 UTC) of rollout "
                + first.id()
                + " was edited: its content no longer matches its keyed hash",
            "checked 9 acknowledgement(s) on 3 chain(s): 1 chain(s) do not hold");
  }

  @DatabaseTest
  void aGenuineNoteWithTabsAndNewlinesInAFileNameVerifiesClean() {
    String name = "drift\treport\nfinal \\ v2.txt";
    EngineFixture.accepted(
        engine.service.note(
            new NoteRequest(
                second.id(),
                Optional.empty(),
                EngineFixture.ALICE,
                "the diff\tby region",
                List.of(Evidence.file(name, "https://example.slack.com/files/U0ALICE/F1/d.txt")),
                "note-with-a-tab")));

    Cli.Result result = verify();

    assertThat(result.exitCode()).as(result.out()).isZero();
    assertThat(result.outLines())
        .containsExactly("checked 10 acknowledgement(s) on 3 chain(s): every chain holds");
    assertThat(trail(second).get(2).evidence())
        .containsExactly(Evidence.file(name, "https://example.slack.com/files/U0ALICE/F1/d.txt"));
  }

  @DatabaseTest
  void rowsSignedWithARetiredKeyVerifyWithItAndAreNamedWithoutIt() throws Exception {
    String next = "the-key-after-rotation-0123456789abcdef";
    Acknowledgement refused =
        new JdbcRolloutStore(database.dataSource(), AuditKeys.of(next, List.of(TestKeys.SECRET)))
            .inTransaction(
                tx ->
                    tx.append(
                        new Acknowledgement(
                            0,
                            Optional.empty(),
                            "prod",
                            Optional.empty(),
                            Optional.empty(),
                            Action.UNFREEZE,
                            EngineFixture.STRANGER,
                            engine.clock.instant(),
                            Optional.of("after-rotation"),
                            false,
                            "not an approver of prod")));
    Path both = Files.createTempFile("shepherd-audit", ".key");
    Files.writeString(both, TestKeys.SECRET + "\n" + next + "\n");
    Path newOnly = Files.createTempFile("shepherd-audit", ".key");
    Files.writeString(newOnly, next + "\n");

    Cli.Result withBoth = verify(both);
    Cli.Result withTheNewOnly = verify(newOnly);

    assertThat(withBoth.exitCode()).as(withBoth.out()).isZero();
    assertThat(withBoth.outLines())
        .containsExactly("checked 10 acknowledgement(s) on 3 chain(s): every chain holds");
    assertThat(withTheNewOnly.exitCode()).isEqualTo(1);
    assertThat(withTheNewOnly.outLines().get(0))
        .isEqualTo(
            "unverifiable: acknowledgement "
                + idOf(first, 0)
                + " (start by U0OPERATOR at 2026-11-27 09:00 UTC) of rollout "
                + first.id()
                + " was signed with audit key "
                + TestKeys.KEYS.current().id()
                + ", which this check was not given: add it to SHEPHERD_AUDIT_OLD_KEYS"
                + " (or the key file) to check it");
    assertThat(refused.id()).isGreaterThan(idOf(second, 1));
  }

  @DatabaseTest
  void rowsWrittenBeforeTheKeyAreReportedAsUnkeyedThenHeldByTheKeyedStart() throws Exception {
    rehashAsBeforeTheKey();

    Cli.Result before = verify();
    KeyedStartTable.ensure(database.dataSource(), TestKeys.KEYS);
    EngineFixture.accepted(engine.act(second, Action.APPROVE, 2, EngineFixture.ALICE));
    Cli.Result after = verify();

    assertThat(before.exitCode()).as(before.out()).isZero();
    assertThat(before.outLines())
        .containsExactly(
            "checked 9 acknowledgement(s) on 3 chain(s); 9 written before the key are unkeyed (v1)"
                + " and no keyed Shepherd has written here: they can only be reported:"
                + " every chain holds");
    assertThat(after.exitCode()).as(after.out()).isZero();
    assertThat(after.outLines())
        .containsExactly(
            "checked 10 acknowledgement(s) on 3 chain(s); 9 written before the key are unkeyed"
                + " (v1), held by the keyed start: every chain holds");
  }

  /**
   * Makes every row what a Shepherd before the key wrote: a plain SHA-256 link, no key, no state.
   */
  private void rehashAsBeforeTheKey() throws SQLException {
    JdbcAuditLog log = new JdbcAuditLog(database.dataSource());
    java.util.Map<String, String> heads = new java.util.HashMap<>();
    List<ChainLink> rows = new java.util.ArrayList<>();
    log.walk(rows::add);
    String chain = "";
    String previous = RecordHash.GENESIS;
    for (ChainLink row : rows) {
      ChainLink.Link link = row.link().orElseThrow();
      if (!link.chainKey().equals(chain)) {
        chain = link.chainKey();
        previous = RecordHash.GENESIS;
      }
      String hash = RecordHash.of(chain, link.seq(), previous, row.acknowledgement());
      sql(
          "UPDATE acknowledgements SET hash_version = NULL, key_id = NULL, state_digest = NULL,"
              + " prev_hash = "
              + quoted(previous)
              + ", row_hash = "
              + quoted(hash)
              + " WHERE id = "
              + row.acknowledgement().id());
      previous = hash;
      heads.put(chain, hash);
    }
    for (var head : heads.entrySet()) {
      sql(
          "UPDATE audit_chain_heads SET row_hash = "
              + quoted(head.getValue())
              + " WHERE chain_key = "
              + quoted(head.getKey()));
    }
  }
}
