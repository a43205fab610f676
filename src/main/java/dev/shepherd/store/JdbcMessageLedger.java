package dev.shepherd.store;

import dev.shepherd.chat.MessageLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The message ledger on JDBC: the primary key on (rollout, key) makes a claim exclusive. On
 * PostgreSQL, processes are seen through {@code shepherd_processes}; on an H2 file, which one
 * process alone can open, every other process is gone by definition, and nothing is written every
 * few seconds to say so.
 */
public final class JdbcMessageLedger implements MessageLedger {
  private final DataSource dataSource;
  private final String processId;
  private final boolean shared;

  /**
   * @param shared whether other processes may use the database at once (PostgreSQL)
   */
  public JdbcMessageLedger(DataSource dataSource, String processId, boolean shared) {
    this.dataSource = dataSource;
    this.processId = processId;
    this.shared = shared;
  }

  @Override
  public String processId() {
    return processId;
  }

  @Override
  public Optional<Entry> find(String rolloutId, String key) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT * FROM posted_messages WHERE rollout_id = ? AND message_key = ?")) {
      statement.setString(1, rolloutId);
      statement.setString(2, key);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Entry(
                rolloutId,
                key,
                row.getString("channel_id"),
                Optional.ofNullable(row.getString("ts")),
                Optional.ofNullable(row.getString("signature")),
                row.getObject("claimed_at", OffsetDateTime.class).toInstant(),
                Optional.ofNullable(row.getString("claimed_by")),
                drawnVersion(row)));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read posted message " + key + " of " + rolloutId, e);
    }
  }

  @Override
  public boolean claim(
      String rolloutId, String key, String channel, Instant now, Instant staleBefore) {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO posted_messages"
                  + " (rollout_id, message_key, channel_id, claimed_at, claimed_by) VALUES (?, ?, ?, ?, ?)")) {
        insert.setString(1, rolloutId);
        insert.setString(2, key);
        insert.setString(3, channel);
        insert.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        insert.setString(5, processId);
        insert.executeUpdate();
        return true;
      } catch (SQLException e) {
        if (!"23505".equals(e.getSQLState())) {
          throw e;
        }
      }
      try (PreparedStatement takeOver =
          connection.prepareStatement(
              "UPDATE posted_messages SET"
                  + " claimed_at = ?, claimed_by = ? WHERE rollout_id = ? AND message_key = ? AND ts IS NULL"
                  + " AND claimed_at < ?")) {
        takeOver.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        takeOver.setString(2, processId);
        takeOver.setString(3, rolloutId);
        takeOver.setString(4, key);
        takeOver.setObject(5, OffsetDateTime.ofInstant(staleBefore, ZoneOffset.UTC));
        return takeOver.executeUpdate() == 1;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot claim message " + key + " of " + rolloutId, e);
    }
  }

  @Override
  public boolean takeOver(String rolloutId, String key, Optional<String> claimedBy, Instant now) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "UPDATE posted_messages SET"
                    + " claimed_at = ?, claimed_by = ? WHERE rollout_id = ? AND message_key = ?"
                    + " AND ts IS NULL AND COALESCE(claimed_by, '') = ?")) {
      statement.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      statement.setString(2, processId);
      statement.setString(3, rolloutId);
      statement.setString(4, key);
      statement.setString(5, claimedBy.orElse(""));
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("cannot take over message " + key + " of " + rolloutId, e);
    }
  }

  @Override
  public boolean isAlive(String otherProcess, Instant seenAfter) {
    if (otherProcess.equals(processId)) {
      return true;
    }
    if (!shared) {
      return false;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT 1 FROM shepherd_processes WHERE process_id = ? AND seen_at > ?")) {
      statement.setString(1, otherProcess);
      statement.setObject(2, OffsetDateTime.ofInstant(seenAfter, ZoneOffset.UTC));
      try (ResultSet row = statement.executeQuery()) {
        return row.next();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot tell whether process " + otherProcess + " runs", e);
    }
  }

  @Override
  public void heartbeat(Instant now) {
    if (!shared) {
      return;
    }
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE shepherd_processes SET seen_at = ? WHERE process_id = ?")) {
        update.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        update.setString(2, processId);
        if (update.executeUpdate() == 1) {
          return;
        }
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO shepherd_processes (process_id, seen_at) VALUES (?, ?)")) {
        insert.setString(1, processId);
        insert.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        insert.executeUpdate();
      }
      try (PreparedStatement forget =
          connection.prepareStatement("DELETE FROM shepherd_processes WHERE seen_at < ?")) {
        forget.setObject(
            1, OffsetDateTime.ofInstant(now.minus(Duration.ofDays(1)), ZoneOffset.UTC));
        forget.executeUpdate();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot record that this process runs", e);
    }
  }

  private static int drawnVersion(ResultSet row) throws SQLException {
    int version = row.getInt("drawn_version");
    return row.wasNull() ? UNKNOWN_VERSION : version;
  }

  @Override
  public void posted(
      String rolloutId, String key, String messageId, String signature, int version) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "UPDATE posted_messages SET ts = ?,"
                    + " signature = CASE WHEN COALESCE(drawn_version, -1) <= ? THEN ? ELSE '' END,"
                    + " drawn_version = CASE WHEN COALESCE(drawn_version, -1) <= ? THEN ?"
                    + " ELSE drawn_version END"
                    + " WHERE rollout_id = ? AND message_key = ?")) {
      statement.setString(1, messageId);
      statement.setInt(2, version);
      statement.setString(3, signature);
      statement.setInt(4, version);
      statement.setInt(5, version);
      statement.setString(6, rolloutId);
      statement.setString(7, key);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(
          "cannot record message "
              + key
              + " of rollout "
              + rolloutId
              + " as drawn: "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public List<String> keys(String rolloutId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT message_key FROM"
                    + " posted_messages WHERE rollout_id = ? AND ts IS NOT NULL ORDER BY claimed_at, message_key")) {
      statement.setString(1, rolloutId);
      try (ResultSet rows = statement.executeQuery()) {
        List<String> keys = new ArrayList<>();
        while (rows.next()) {
          keys.add(rows.getString(1));
        }
        return keys;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot list posted messages of " + rolloutId, e);
    }
  }

  @Override
  public void release(String rolloutId, String key) {
    update(
        "DELETE FROM posted_messages WHERE rollout_id = ? AND message_key = ? AND ts IS NULL",
        rolloutId,
        key);
  }

  private void update(String sql, String... values) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setString(i + 1, values[i]);
      }
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot record a posted message: " + e.getMessage(), e);
    }
  }
}
