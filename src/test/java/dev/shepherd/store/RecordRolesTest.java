package dev.shepherd.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shepherd.audit.AuditVerifier;
import dev.shepherd.rollout.EngineFixture;
import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.TestDatabases;
import dev.shepherd.testing.TestKeys;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The record on PostgreSQL refuses to be changed: TRUNCATE is refused by a trigger, whoever runs
 * it, and with an owner role apart (SHEPHERD_DB_OWNER_USER) Shepherd's own role may read and append
 * the record, and neither change it nor drop the triggers that guard it. Roles are made for each
 * test, with names of their own, and dropped after.
 */
class RecordRolesTest {
  @RegisterExtension DatabaseExtension single = DatabaseExtension.postgres();

  private String owner;
  private String runtime;
  private String schema;
  private Database database;

  @BeforeEach
  void twoRoles() throws SQLException {
    assumeTrue(TestDatabases.postgresReachable(), TestDatabases.postgresSkipMessage());
    String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    owner = "shep_owner_" + unique;
    runtime = "shep_app_" + unique;
    schema = "t_roles_" + unique;
    asAdministrator(
        "CREATE ROLE " + owner + " LOGIN",
        "CREATE ROLE " + runtime + " LOGIN",
        "CREATE SCHEMA " + schema + " AUTHORIZATION " + owner);
  }

  @AfterEach
  void dropRoles() throws SQLException {
    if (database != null) {
      database.close();
    }
    if (owner != null) {
      asAdministrator(
          "DROP SCHEMA IF EXISTS " + schema + " CASCADE",
          "DROP OWNED BY " + owner + ", " + runtime,
          "DROP ROLE IF EXISTS " + runtime,
          "DROP ROLE IF EXISTS " + owner);
    }
  }

  private Database openAsRuntimeWithOwner() {
    database =
        Database.open(
            TestDatabases.PG_URL + "?currentSchema=" + schema,
            runtime,
            "",
            schema,
            null,
            Optional.of(new Database.Owner(owner, "")));
    return database;
  }

  @Test
  void truncateIsRefusedEvenWithOneRoleThatOwnsEverything() throws SQLException {
    Database one = single.database();
    new EngineFixture(one).started("dev");

    try (Connection connection = one.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.execute("TRUNCATE acknowledgements"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("acknowledgements are append-only: TRUNCATE refused");
    }
  }

  @Test
  void theOwnersTruncateIsRefusedToo() throws SQLException {
    new EngineFixture(openAsRuntimeWithOwner()).started("dev");

    try (Connection connection = connect(owner);
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.execute("TRUNCATE acknowledgements"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("acknowledgements are append-only: TRUNCATE refused");
    }
  }

  @Test
  void shepherdsRoleAppendsTheRecordButCannotChangeItNorDropItsTriggers() throws SQLException {
    Database opened = openAsRuntimeWithOwner();
    EngineFixture engine = new EngineFixture(opened);
    engine.complete(engine.started("dev"));

    assertThat(new AuditVerifier(new JdbcAuditLog(opened.dataSource()), TestKeys.KEYS).verify())
        .satisfies(report -> assertThat(report.problems()).isEmpty())
        .satisfies(report -> assertThat(report.rows()).isEqualTo(6));
    try (Connection connection = connect(runtime);
        Statement statement = connection.createStatement()) {
      for (String change :
          new String[] {
            "UPDATE acknowledgements SET user_id = 'U0MALLORY'",
            "DELETE FROM acknowledgements",
            "TRUNCATE acknowledgements",
            "DELETE FROM audit_chain_heads",
            "UPDATE audit_keyed_start SET through_id = 1000000",
          }) {
        assertThatThrownBy(() -> statement.execute(change))
            .as(change)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("permission denied");
      }
      assertThatThrownBy(
              () ->
                  statement.execute(
                      "DROP TRIGGER acknowledgements_append_only ON acknowledgements"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("must be owner of");
    }
  }

  @Test
  void shepherdsRoleAddsGroupPinsButCannotMoveNorRemoveThem() throws SQLException {
    Database opened = openAsRuntimeWithOwner();
    JdbcGroupPins pins = new JdbcGroupPins(opened.dataSource(), java.time.Clock.systemUTC());

    assertThat(pins.pin("platform-leads", "S0LEADS")).isEqualTo("S0LEADS");
    assertThat(pins.pin("platform-leads", "S0EVIL")).isEqualTo("S0LEADS");
    try (Connection connection = connect(runtime);
        Statement statement = connection.createStatement()) {
      for (String change :
          new String[] {
            "UPDATE group_pins SET group_id = 'S0EVIL'",
            "DELETE FROM group_pins",
            "TRUNCATE group_pins",
          }) {
        assertThatThrownBy(() -> statement.execute(change))
            .as(change)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("permission denied");
      }
    }
    try (Connection connection = connect(owner);
        Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM group_pins WHERE handle = 'platform-leads'");
    }
    assertThat(pins.pin("platform-leads", "S0NEW")).as("re-pinned by the owner").isEqualTo("S0NEW");
  }

  private Connection connect(String role) throws SQLException {
    return DriverManager.getConnection(TestDatabases.PG_URL + "?currentSchema=" + schema, role, "");
  }

  private void asAdministrator(String... statements) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(
                TestDatabases.PG_URL, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
