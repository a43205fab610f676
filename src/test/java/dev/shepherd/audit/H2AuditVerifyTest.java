package dev.shepherd.audit;

import dev.shepherd.store.Database;
import java.sql.Statement;
import java.util.UUID;

class H2AuditVerifyTest extends AuditVerifyContract {
  private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  @Override
  Database open() {
    return Database.open(url, "", "", null);
  }

  @Override
  String url() {
    return url;
  }

  @Override
  void allowChanges(Statement statement) {
    // H2 has no append-only trigger (V2): nothing to disable.
  }

  @Override
  void close() {
    database.close();
  }
}
