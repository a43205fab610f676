package dev.shepherd.store;

import dev.shepherd.rollout.MessageLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/** The message ledger on JDBC: the primary key on (rollout, key) makes a claim exclusive. */
public final class JdbcMessageLedger implements MessageLedger {
  private final DataSource dataSource;

  public JdbcMessageLedger(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Optional<Entry> find(String rolloutId, String key) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT * FROM posted_messages WHERE rollout_id = ? AND message_key = ?")) {
      statement.setString(1, rolloutId);
      statement.setString(2, key);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(new Entry(rolloutId, key, row.getString("channel_id"),
            Optional.ofNullable(row.getString("ts")), Optional.ofNullable(row.getString("signature")),
            row.getObject("claimed_at", OffsetDateTime.class).toInstant()));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read posted message " + key + " of " + rolloutId, e);
    }
  }

  @Override
  public boolean claim(String rolloutId, String key, String channel, Instant now,
      Instant staleBefore) {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO posted_messages"
          + " (rollout_id, message_key, channel_id, claimed_at) VALUES (?, ?, ?, ?)")) {
        insert.setString(1, rolloutId);
        insert.setString(2, key);
        insert.setString(3, channel);
        insert.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        insert.executeUpdate();
        return true;
      } catch (SQLException e) {
        if (!"23505".equals(e.getSQLState())) {
          throw e;
        }
      }
      try (PreparedStatement takeOver = connection.prepareStatement("UPDATE posted_messages SET"
          + " claimed_at = ? WHERE rollout_id = ? AND message_key = ? AND ts IS NULL AND claimed_at < ?")) {
        takeOver.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        takeOver.setString(2, rolloutId);
        takeOver.setString(3, key);
        takeOver.setObject(4, OffsetDateTime.ofInstant(staleBefore, ZoneOffset.UTC));
        return takeOver.executeUpdate() == 1;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot claim message " + key + " of " + rolloutId, e);
    }
  }

  @Override
  public void posted(String rolloutId, String key, String messageId, String signature) {
    update("UPDATE posted_messages SET ts = ?, signature = ? WHERE rollout_id = ? AND message_key = ?",
        messageId, signature, rolloutId, key);
  }

  @Override
  public java.util.List<String> keys(String rolloutId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT message_key FROM"
            + " posted_messages WHERE rollout_id = ? AND ts IS NOT NULL ORDER BY claimed_at, message_key")) {
      statement.setString(1, rolloutId);
      try (ResultSet rows = statement.executeQuery()) {
        java.util.List<String> keys = new java.util.ArrayList<>();
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
    update("DELETE FROM posted_messages WHERE rollout_id = ? AND message_key = ? AND ts IS NULL",
        rolloutId, key);
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
