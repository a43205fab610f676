package dev.shepherd.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shepherd.store.Database;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A fresh database for each test, in the spirit of jdbi's {@code JdbiExtension}: one field, no base
 * class.
 *
 * <pre>{@code
 * @RegisterExtension static DatabaseExtension db = DatabaseExtension.h2();
 * }</pre>
 *
 * <p>Before each test it picks a private in-memory H2 or a private PostgreSQL schema ({@link
 * TestDatabases}); {@link #database()} opens it (migrated) on first use, {@link #url()} names it
 * for a Shepherd, the CLI or a child JVM that opens it on its own. After each test the database is
 * closed and the PostgreSQL schema dropped. A PostgreSQL test is skipped with {@link
 * TestDatabases#postgresSkipMessage()} when PostgreSQL is unreachable.
 *
 * <p>To run a test on both databases, annotate it {@link DatabaseTest} instead of {@code @Test}:
 * each run registers its own extension and hands it to the test's and {@code @BeforeEach}'s {@code
 * DatabaseExtension} parameter. Not thread-safe: one test at a time.
 */
public final class DatabaseExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static volatile Boolean postgresReachable;

  private final Databases kind;
  private String url;
  private String schema;
  private Database database;
  private boolean schemaCreated;

  private DatabaseExtension(Databases kind) {
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** A private in-memory H2 per test. */
  public static DatabaseExtension h2() {
    return new DatabaseExtension(Databases.H2);
  }

  /** A private schema of the PostgreSQL on 127.0.0.1:5432 per test; skips when unreachable. */
  public static DatabaseExtension postgres() {
    return new DatabaseExtension(Databases.POSTGRES);
  }

  /** The extension for a {@link Databases} parameter. */
  public static DatabaseExtension on(Databases kind) {
    return new DatabaseExtension(kind);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    start();
  }

  /** Idempotent: a {@code @BeforeEach} method may reach the database before this callback runs. */
  private void start() {
    if (url != null) {
      return;
    }
    if (kind == Databases.POSTGRES) {
      assumeTrue(reachable(), TestDatabases.postgresSkipMessage());
      schema = TestDatabases.newSchema();
      url = TestDatabases.PG_URL + "?currentSchema=" + schema;
    } else {
      url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (database != null) {
        database.close();
      }
    } finally {
      database = null;
      if (schema != null) {
        TestDatabases.dropSchema(schema);
      }
      schema = null;
      schemaCreated = false;
      url = null;
    }
  }

  /** A test or {@code @BeforeEach} method may take this extension as a parameter. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DatabaseExtension.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return this;
  }

  private static boolean reachable() {
    if (postgresReachable == null) {
      postgresReachable = TestDatabases.postgresReachable();
    }
    return postgresReachable;
  }

  /** Which database this is. */
  public Databases kind() {
    return kind;
  }

  /** This test's database, opened and migrated on first call; the extension closes it. */
  public Database database() {
    start();
    if (database == null) {
      database =
          kind == Databases.POSTGRES
              ? TestDatabases.postgres(schema())
              : Database.open(url(), "", "", null);
    }
    return database;
  }

  /**
   * A JDBC URL of this test's database, for whatever opens it on its own (a Shepherd, {@code
   * --db}); on PostgreSQL the schema is created if {@link #database()} has not yet.
   */
  public String url() {
    start();
    if (kind == Databases.POSTGRES && database == null && !schemaCreated) {
      TestDatabases.createSchema(schema);
      schemaCreated = true;
    }
    return url;
  }

  /** The user {@link #url()} needs: PostgreSQL's, or H2's empty one. */
  public String user() {
    return kind == Databases.POSTGRES ? TestDatabases.PG_USER : "";
  }

  /** The password {@link #url()} needs. */
  public String password() {
    return kind == Databases.POSTGRES ? TestDatabases.PG_PASSWORD : "";
  }

  /** This test's PostgreSQL schema. */
  public String schema() {
    start();
    if (schema == null) {
      throw new IllegalStateException("an H2 database has no schema of its own");
    }
    return schema;
  }

  @Override
  public String toString() {
    return kind.name();
  }
}
