package dev.shepherd.store;

import dev.shepherd.chat.GroupPins;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The user group pins of a database {@code serve} uses, read once through a connection of their
 * own, for a check that must change nothing it checks ({@code lint --online --db}, run from CI on a
 * branch that may be newer than the running {@code serve}). Unlike {@link Database#open}, it
 * neither pools, migrates, compacts an H2 file nor grants: its one statement reads {@code
 * group_pins}, on a connection PostgreSQL itself holds read-only ({@code readOnly}, {@code
 * readOnlyMode=always}) or on an H2 file opened read-only ({@code ACCESS_MODE_DATA=r}). {@link
 * #pin} answers the pin there is, or the id given when there is none, and records nothing.
 * Immutable.
 */
public final class GroupPinsSnapshot implements GroupPins {
  /** H2's "database may be already in use": another process holds the file's lock. */
  private static final int H2_FILE_LOCKED = 90020;

  /** H2's "database not found, and IFEXISTS=true". */
  private static final int H2_NO_FILE = 90146;

  /** H2's "table not found", in a database with tables and in an empty one. */
  private static final int H2_NO_TABLE = 42102;

  private static final int H2_NO_TABLE_EMPTY = 42104;

  /** PostgreSQL's undefined_table. */
  private static final String PG_NO_TABLE = "42P01";

  private final Map<String, String> byHandle;

  private GroupPinsSnapshot(Map<String, String> byHandle) {
    this.byHandle = Map.copyOf(byHandle);
  }

  /**
   * Reads every pin of the database at {@code url}, then closes the connection.
   *
   * @return empty when the database has no {@code group_pins} table (Shepherd older than schema
   *     version 30 made it, or none ever started on it)
   * @throws StoreException saying what to do when the database cannot be read: unreachable, an H2
   *     file another process (serve) holds or that does not exist
   */
  public static Optional<GroupPinsSnapshot> read(String url, String user, String password) {
    Objects.requireNonNull(url, "url");
    try (Connection connection = readOnly(url, user, password);
        Statement select = connection.createStatement();
        ResultSet rows = select.executeQuery("SELECT handle, group_id FROM group_pins")) {
      Map<String, String> pins = new TreeMap<>();
      while (rows.next()) {
        pins.put(rows.getString(1), rows.getString(2));
      }
      return Optional.of(new GroupPinsSnapshot(pins));
    } catch (SQLException e) {
      if (PG_NO_TABLE.equals(e.getSQLState())
          || (url.startsWith("jdbc:h2:")
              && (e.getErrorCode() == H2_NO_TABLE || e.getErrorCode() == H2_NO_TABLE_EMPTY))) {
        return Optional.empty();
      }
      throw new StoreException(unreadable(url, e), e);
    }
  }

  private static Connection readOnly(String url, String user, String password) throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", Objects.requireNonNullElse(user, ""));
    info.setProperty("password", Objects.requireNonNullElse(password, ""));
    String jdbc = url;
    if (url.startsWith("jdbc:postgresql:")) {
      jdbc = Database.failFast(url);
      // The driver's default makes only a transaction read-only, not an auto-committed statement.
      info.setProperty("readOnly", "true");
      info.setProperty("readOnlyMode", "always");
    } else {
      jdbc = H2Files.readOnly(url);
    }
    Connection connection = DriverManager.getConnection(jdbc, info);
    connection.setReadOnly(true);
    return connection;
  }

  private static String unreadable(String url, SQLException e) {
    String file =
        H2Files.storeFile(url)
            .map(f -> f.toAbsolutePath().normalize())
            .map(Path::toString)
            .orElse(Database.redact(url));
    if (url.startsWith("jdbc:h2:") && e.getErrorCode() == H2_FILE_LOCKED) {
      return "the H2 file "
          + file
          + " is open in another process (serve, most likely), and H2 lets one process open it at"
          + " a time: stop serve, or copy the file and read the copy";
    }
    if (url.startsWith("jdbc:h2:") && e.getErrorCode() == H2_NO_FILE) {
      return "no H2 database at " + file + ": name the file serve uses";
    }
    return "cannot read the database at "
        + Database.redact(url)
        + ": "
        + e.getMessage()
        + " (check the URL, the user and the password, and that the database is up)";
  }

  @Override
  public String pin(String handle, String groupId) {
    Objects.requireNonNull(groupId, "groupId");
    return pinned(handle).orElse(groupId);
  }

  @Override
  public Optional<String> pinned(String handle) {
    return Optional.ofNullable(byHandle.get(Objects.requireNonNull(handle, "handle")));
  }
}
