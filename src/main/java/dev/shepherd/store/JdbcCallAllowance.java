package dev.shepherd.store;

import dev.shepherd.chat.CallAllowance;
import dev.shepherd.chat.TokenBucket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * A call allowance in a row of {@code call_allowances}, so that every replica on the database
 * spends one allowance: each take locks the row, counts, and writes it back in one short
 * transaction (a take is a fraction of a second's work at most a few times a second).
 */
public final class JdbcCallAllowance implements CallAllowance {
  private final DataSource dataSource;
  private final String name;
  private final Rate rate;

  /**
   * @param name the allowance's row: {@code chat.update} for the workspace's updates, {@code
   *     chat.postMessage C…} for the posts to one channel
   */
  public JdbcCallAllowance(DataSource dataSource, String name, Rate rate) {
    this.dataSource = dataSource;
    this.name = name;
    this.rate = rate;
  }

  @Override
  public Duration take(Instant now) {
    Duration[] wait = new Duration[1];
    change(
        now,
        bucket -> {
          TokenBucket.Taken taken = bucket.take(rate, now);
          wait[0] = taken.waitFor();
          return taken.bucket();
        });
    return wait[0];
  }

  @Override
  public void holdUntil(Instant until) {
    change(until, bucket -> bucket.holdUntil(until));
  }

  @Override
  public void keepApartUntil(Instant until) {
    change(until, bucket -> bucket.keepApartUntil(until));
  }

  /** Reads the row locked, changes it, writes it back; creates it full on first use. */
  private void change(Instant now, UnaryOperator<TokenBucket> change) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        TokenBucket bucket = locked(connection, now);
        TokenBucket next = change.apply(bucket);
        try (PreparedStatement update =
            connection.prepareStatement(
                "UPDATE call_allowances SET tokens = ?, counted_at = ?, not_before = ?"
                    + " WHERE name = ?")) {
          update.setDouble(1, next.tokens());
          update.setObject(2, utc(next.countedAt()));
          update.setObject(3, utc(next.notBefore()));
          update.setString(4, name);
          update.executeUpdate();
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot count the call allowance " + name, e);
    }
  }

  private TokenBucket locked(Connection connection, Instant now) throws SQLException {
    for (int attempt = 0; attempt < 2; attempt++) {
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT tokens, counted_at, not_before FROM call_allowances WHERE name = ? FOR UPDATE")) {
        select.setString(1, name);
        try (ResultSet row = select.executeQuery()) {
          if (row.next()) {
            return new TokenBucket(
                row.getDouble("tokens"),
                row.getObject("counted_at", OffsetDateTime.class).toInstant(),
                row.getObject("not_before", OffsetDateTime.class).toInstant());
          }
        }
      }
      TokenBucket full = TokenBucket.full(rate, now);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO call_allowances (name, tokens, counted_at, not_before)"
                  + " VALUES (?, ?, ?, ?)")) {
        insert.setString(1, name);
        insert.setDouble(2, full.tokens());
        insert.setObject(3, utc(full.countedAt()));
        insert.setObject(4, utc(full.notBefore()));
        insert.executeUpdate();
        return full;
      } catch (SQLException e) {
        if (!Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
        // Another replica created it first: read theirs (PostgreSQL needs a fresh transaction).
        connection.rollback();
      }
    }
    throw new SQLException("the update allowance " + name + " could be neither read nor created");
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
