package dev.shepherd.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.shepherd.chat.DrawingLock;
import dev.shepherd.chat.LocalDrawingLock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drawing lock every replica on one PostgreSQL database shares: a session advisory lock on the
 * message, taken on a connection of its own and held across the Slack call (a fraction of a second
 * to a few). Within the process a local lock comes first, so one replica's threads queue in memory
 * and hold at most one connection a message. When the database cannot give the lock, the drawing
 * goes on under the local lock alone: its ledger write would fail the same way, and the next sync
 * draws the message again.
 */
public final class JdbcDrawingLock implements DrawingLock {
  private static final Logger log = LoggerFactory.getLogger(JdbcDrawingLock.class);

  /**
   * How many drawings of this process may hold a database lock at once: each holds its lock's
   * connection and takes another for the ledger, and the pool (10) serves the rest of the work.
   */
  private static final int AT_ONCE = 3;

  private final DataSource dataSource;
  private final LocalDrawingLock local = new LocalDrawingLock();
  private final Semaphore permits = new Semaphore(AT_ONCE, true);

  public JdbcDrawingLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public <T> T holding(String rolloutId, String key, Supplier<T> drawing) {
    return local.holding(
        rolloutId,
        key,
        () -> {
          permits.acquireUninterruptibly();
          try {
            return shared(lockId(rolloutId, key), drawing);
          } finally {
            permits.release();
          }
        });
  }

  private <T> T shared(long id, Supplier<T> drawing) {
    Connection connection;
    try {
      connection = dataSource.getConnection();
      try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
        lock.setLong(1, id);
        lock.execute();
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
    } catch (SQLException e) {
      log.warn("no drawing lock from the database, drawing under this process's: {}", e.toString());
      return drawing.get();
    }
    try {
      return drawing.get();
    } finally {
      try (connection;
          PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        unlock.setLong(1, id);
        unlock.execute();
      } catch (SQLException e) {
        // A pooled connection's session outlives its close: the pool must drop it, and the
        // session's advisory locks end with it.
        if (dataSource instanceof HikariDataSource pool) {
          pool.evictConnection(connection);
        }
        log.warn("could not give the drawing lock back: {}", e.toString());
      }
    }
  }

  /** The message's advisory lock key: 64 bits of a SHA-256 of its rollout and key. */
  static long lockId(String rolloutId, String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("drawing|" + rolloutId + "|" + key).getBytes(StandardCharsets.UTF_8));
      long id = 0;
      for (int i = 0; i < 8; i++) {
        id = (id << 8) | (digest[i] & 0xff);
      }
      return id;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
