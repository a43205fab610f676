package dev.shepherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.testing.DatabaseExtension;
import dev.shepherd.testing.DatabaseTest;
import dev.shepherd.testing.Databases;
import dev.shepherd.testing.TestKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * A command that reads the record ({@code audit verify} here; {@code export}, {@code evidence},
 * {@code propose} and {@code retro} open the database the same way) never migrates it: it often
 * runs from another build than the serving one, and a newer build migrating the database would
 * leave every older replica unable to start. On H2 and PostgreSQL.
 */
class RecordReadersLeaveTheSchemaTest {

  @DatabaseTest
  void verifyOfADatabaseBehindThisShepherdIsRefusedAndLeavesItAsItWas(DatabaseExtension db)
      throws Exception {
    String vendor = db.kind() == Databases.POSTGRES ? "postgresql" : "h2";
    Flyway.configure()
        .dataSource(db.url(), db.user(), db.password())
        .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
        .target("29") // the serving Shepherd is the previous version
        .load()
        .migrate();

    StringWriter out = new StringWriter();
    int exit = verify(db, out);

    assertThat(exit).isEqualTo(2);
    assertThat(out.toString())
        .contains(
            " is at schema version 29, behind this Shepherd's 30: upgrade serve first (its start"
                + " migrates the database), or run this command with the Shepherd version serve"
                + " runs. A command that reads the record never migrates it");
    assertThat(latestVersion(db)).isEqualTo("29");
  }

  @DatabaseTest
  void verifyOfADatabaseWithNoRecordSaysSoAndCreatesNothing(DatabaseExtension db) throws Exception {
    StringWriter out = new StringWriter();
    int exit = verify(db, out);

    assertThat(exit).isEqualTo(2);
    assertThat(out.toString())
        .contains(": point --db (or SHEPHERD_DB_URL) at the one serve uses")
        .contains("no Shepherd record in the database at ");
    assertThat(tables(db)).isZero();
  }

  private static int verify(DatabaseExtension db, StringWriter out) {
    PrintWriter both = new PrintWriter(out);
    return Main.run(
        both,
        both,
        Map.of("SHEPHERD_DB_PASSWORD", db.password(), "SHEPHERD_AUDIT_KEY", TestKeys.SECRET),
        Optional.empty(),
        "audit",
        "verify",
        "--db",
        db.url(),
        "--db-user",
        db.user());
  }

  private static String latestVersion(DatabaseExtension db) throws Exception {
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT \"version\" FROM \"flyway_schema_history\""
                    + " ORDER BY \"installed_rank\" DESC")) {
      row.next();
      return row.getString(1);
    }
  }

  private static long tables(DatabaseExtension db) throws Exception {
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT COUNT(*) FROM information_schema.tables"
                    + " WHERE table_schema = CURRENT_SCHEMA")) {
      row.next();
      return row.getLong(1);
    }
  }
}
