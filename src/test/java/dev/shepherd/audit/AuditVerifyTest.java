package dev.shepherd.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.cli.Cli;
import dev.shepherd.rollout.EngineFixture;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcAuditLog;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import dev.shepherd.testing.Databases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
    return Cli.run("audit", "verify", "--db", db.url(), "--db-user", db.user());
  }

  private void sql(String statement) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement s = connection.createStatement()) {
      allowChanges(s);
      s.executeUpdate(statement);
    }
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
                + " was edited: its content no longer matches its hash",
            "checked 9 acknowledgement(s) on 3 chain(s): 1 chain(s) do not hold");
  }

  @DatabaseTest
  void anEditedRowWhoseHashWasRecomputedIsNamedByTheNextLink() throws SQLException {
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
                + " was edited: the next link (acknowledgement "
                + idOf(first, 3)
                + ") was chained to another hash");
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
}
