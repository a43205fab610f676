package dev.shepherd.learning;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shepherd.store.Database;
import dev.shepherd.testing.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

class PostgresRunbookStatsTest extends RunbookStatsTest {
  private String schema;

  @BeforeAll
  static void requirePostgres() {
    assumeTrue(TestDatabases.postgresReachable(), TestDatabases.postgresSkipMessage());
  }

  @Override
  Database openDatabase() {
    schema = TestDatabases.newSchema();
    return TestDatabases.postgres(schema);
  }

  @Override
  void closeDatabase(Database database) {
    database.close();
    TestDatabases.dropSchema(schema);
  }
}
