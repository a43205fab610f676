package dev.shepherd.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two PostgreSQL roles: the owner migrates and owns the tables (and so their triggers); the role
 * Shepherd runs as may read and append the record and change nothing in it, and cannot drop the
 * triggers that refuse UPDATE, DELETE and TRUNCATE, since it owns nothing.
 */
final class RecordRoles {
  private static final Logger log = LoggerFactory.getLogger(RecordRoles.class);

  /** The record: read and appended, never changed. */
  static final List<String> APPEND_ONLY =
      List.of("acknowledgements", "audit_keyed_start", "audit_chain_start");

  /**
   * A user group handle's pin is read and added, never moved nor removed by Shepherd: it stands
   * until the owner re-pins the handle by deleting its row.
   */
  static final String PINS = "group_pins";

  /** A chain's newest link is moved on by every append, and never removed. */
  static final String HEADS = "audit_chain_heads";

  private RecordRoles() {}

  /** Migrates as the owner, then grants the runtime role what it needs and no more. */
  static void migrateAsOwner(String url, Database.Owner owner, String runtime, String schema) {
    PGSimpleDataSource asOwner = new PGSimpleDataSource();
    asOwner.setUrl(url);
    asOwner.setUser(owner.user());
    asOwner.setPassword(owner.password());
    if (schema != null) {
      asOwner.setCurrentSchema(schema);
    }
    Database.migrate(asOwner, "postgresql", schema);
    try (Connection connection = asOwner.getConnection();
        Statement statement = connection.createStatement()) {
      String inSchema = schema != null ? quote(schema) : currentSchema(connection);
      String role = quote(runtime);
      if (owner.user().equals(runtime)) {
        log.warn(
            "SHEPHERD_DB_OWNER_USER is the role Shepherd runs as ({}): one role owns the"
                + " record and may drop its triggers",
            runtime);
        return;
      }
      statement.execute("GRANT USAGE ON SCHEMA " + inSchema + " TO " + role);
      statement.execute(
          "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "
              + inSchema
              + " TO "
              + role);
      statement.execute(
          "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA " + inSchema + " TO " + role);
      for (String table : Stream.concat(APPEND_ONLY.stream(), Stream.of(PINS)).toList()) {
        statement.execute(
            "REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "
                + inSchema
                + "."
                + table
                + " FROM "
                + role);
      }
      statement.execute(
          "REVOKE DELETE, TRUNCATE, REFERENCES, TRIGGER ON "
              + inSchema
              + "."
              + HEADS
              + " FROM "
              + role);
      warnIfRuntimeOwnsTheRecord(connection, inSchema, runtime);
    } catch (SQLException e) {
      throw new StoreException(
          "cannot grant " + runtime + " its rights as " + owner.user() + ": " + e.getMessage(), e);
    }
  }

  /**
   * A database made before the two roles keeps its tables owned by the role that made them: said at
   * every start until an administrator moves them to the owner.
   */
  private static void warnIfRuntimeOwnsTheRecord(
      Connection connection, String inSchema, String runtime) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT tableowner FROM pg_tables WHERE schemaname = ? AND tablename = ?")) {
      query.setString(1, unquote(inSchema));
      query.setString(2, "acknowledgements");
      try (ResultSet row = query.executeQuery()) {
        if (row.next() && row.getString(1).equals(runtime)) {
          log.warn(
              "{} still owns the record's tables and may drop their triggers: run REASSIGN"
                  + " OWNED BY {} TO the owner role (see docs/guides/deploy.md)",
              runtime,
              runtime);
        }
      }
    }
  }

  private static String currentSchema(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT current_schema()")) {
      row.next();
      return quote(row.getString(1));
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String unquote(String quoted) {
    return quoted.substring(1, quoted.length() - 1).replace("\"\"", "\"");
  }
}
