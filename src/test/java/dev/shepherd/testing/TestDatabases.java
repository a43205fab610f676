package dev.shepherd.testing;

import dev.shepherd.store.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Real databases for tests: a private in-memory H2, or a private schema in the PostgreSQL on
 * 127.0.0.1:5432 (override with SHEPHERD_TEST_PG_URL / _USER / _PASSWORD).
 */
public final class TestDatabases {
  public static final String PG_URL =
      System.getenv().getOrDefault("SHEPHERD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String PG_USER =
      System.getenv().getOrDefault("SHEPHERD_TEST_PG_USER", "postgres");
  public static final String PG_PASSWORD =
      System.getenv().getOrDefault("SHEPHERD_TEST_PG_PASSWORD", "");

  private TestDatabases() {}

  public static Database h2() {
    return Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", null);
  }

  /** A fresh schema of its own, so tests never see each other's rows. */
  public static Database postgres(String schema) {
    return Database.open(PG_URL, PG_USER, PG_PASSWORD, schema);
  }

  public static String newSchema() {
    return "t_"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
  }

  /** Creates an empty schema and returns a JDBC URL whose connections use it. */
  public static String createSchema(String schema) {
    try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test schema " + schema, e);
    }
    return PG_URL + "?currentSchema=" + schema;
  }

  public static void dropSchema(String schema) {
    try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test schema " + schema, e);
    }
  }

  /** Whether PostgreSQL answers; tests that need it are skipped with this message otherwise. */
  public static boolean postgresReachable() {
    DriverManager.setLoginTimeout(3);
    try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
      return connection.isValid(3);
    } catch (SQLException e) {
      return false;
    }
  }

  public static String postgresSkipMessage() {
    return "PostgreSQL is not reachable at "
        + PG_URL
        + " (start it, or set SHEPHERD_TEST_PG_URL):"
        + " PostgreSQL tests skipped";
  }
}
