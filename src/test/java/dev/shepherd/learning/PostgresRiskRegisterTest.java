package dev.shepherd.learning;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shepherd.store.Database;
import dev.shepherd.testing.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** The risk register on PostgreSQL: the finding store's SQL as the scaled-out Shepherd runs it. */
class PostgresRiskRegisterTest extends RiskRegisterTest {
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
  void closeDatabase(Database opened) {
    opened.close();
    TestDatabases.dropSchema(schema);
  }
}
