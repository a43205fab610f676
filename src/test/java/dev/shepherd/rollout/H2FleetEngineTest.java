package dev.shepherd.rollout;

import dev.shepherd.store.Database;
import dev.shepherd.testing.TestDatabases;

class H2FleetEngineTest extends FleetEngineContract {
  @Override
  Database openDatabase() {
    return TestDatabases.h2();
  }

  @Override
  void closeDatabase(Database database) {
    database.close();
  }
}
