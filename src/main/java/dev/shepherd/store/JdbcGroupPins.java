package dev.shepherd.store;

import dev.shepherd.chat.GroupPins;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Group pins in {@code group_pins}, one row a handle, shared by every replica on the database and
 * kept across restarts. A pin is read first and inserted only when absent; two replicas inserting
 * at once meet on the primary key, and the one refused reads the winner's row (the same on H2 and
 * PostgreSQL, with no dialect of upsert). Rows are never updated or deleted here. Thread-safe.
 */
public final class JdbcGroupPins implements GroupPins {
  private final DataSource dataSource;
  private final Clock clock;

  public JdbcGroupPins(DataSource dataSource, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String pin(String handle, String groupId) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(groupId, "groupId");
    // Each statement commits on its own: a refused insert leaves nothing to roll back, and the
    // select after it sees the winner's committed row.
    try (Connection connection = dataSource.getConnection()) {
      Optional<String> first = pinned(connection, handle);
      if (first.isPresent()) {
        return first.get();
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO group_pins (handle, group_id, pinned_at) VALUES (?, ?, ?)")) {
        insert.setString(1, handle);
        insert.setString(2, groupId);
        insert.setObject(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        insert.executeUpdate();
        return groupId;
      } catch (SQLException e) {
        if (!Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
      }
      return pinned(connection, handle)
          .orElseThrow(
              () ->
                  new SQLException(
                      "the pin of @" + handle + " was refused as taken, and then not found"));
    } catch (SQLException e) {
      throw new StoreException("cannot pin user group @" + handle + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<String> pinned(String handle) {
    Objects.requireNonNull(handle, "handle");
    try (Connection connection = dataSource.getConnection()) {
      return pinned(connection, handle);
    } catch (SQLException e) {
      throw new StoreException(
          "cannot read the pin of user group @" + handle + ": " + e.getMessage(), e);
    }
  }

  private static Optional<String> pinned(Connection connection, String handle) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT group_id FROM group_pins WHERE handle = ?")) {
      select.setString(1, handle);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    }
  }
}
