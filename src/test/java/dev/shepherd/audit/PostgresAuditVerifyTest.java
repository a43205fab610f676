package dev.shepherd.audit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shepherd.store.Database;
import dev.shepherd.testing.TestDatabases;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;

class PostgresAuditVerifyTest extends AuditVerifyContract {
  private final String schema = TestDatabases.newSchema();

  @BeforeAll
  static void requirePostgres() {
    assumeTrue(TestDatabases.postgresReachable(), TestDatabases.postgresSkipMessage());
  }

  @Override
  Database open() {
    return TestDatabases.postgres(schema);
  }

  @Override
  String url() {
    return TestDatabases.PG_URL + "?currentSchema=" + schema;
  }

  @Override
  String user() {
    return TestDatabases.PG_USER;
  }

  /**
   * The trigger of this test's own schema only: the change a DBA with the owner's rights could
   * make.
   */
  @Override
  void allowChanges(Statement statement) throws SQLException {
    statement.execute(
        "ALTER TABLE " + schema + ".acknowledgements DISABLE TRIGGER acknowledgements_append_only");
  }

  @Override
  void close() {
    database.close();
    TestDatabases.dropSchema(schema);
  }
}
