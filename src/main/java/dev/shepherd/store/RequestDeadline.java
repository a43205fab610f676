package dev.shepherd.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connections Shepherd's requests use, each with a deadline: a transaction commits within its
 * budget or not at all. Slack gives up on a click after three seconds; a commit after that would
 * record what the person was already told had failed, so a transaction still open when its budget
 * is spent is rolled back instead of committed.
 *
 * <p>On PostgreSQL every read on the connection is bounded by the remaining budget too (the
 * driver's network timeout), so a server that stopped answering fails the request in time rather
 * than holding it until the TCP stack gives up. Thread-safe.
 */
final class RequestDeadline implements DataSource {
  private static final Executor DIRECT = Runnable::run;

  private final DataSource pool;
  private final Duration budget;
  private final boolean networked;

  RequestDeadline(DataSource pool, Duration budget, boolean networked) {
    this.pool = pool;
    this.budget = budget;
    this.networked = networked;
  }

  /** The budget of one transaction, from taking its connection to its commit. */
  Duration budget() {
    return budget;
  }

  @Override
  public Connection getConnection() throws SQLException {
    long start = System.nanoTime();
    Connection connection = pool.getConnection();
    if (networked) {
      long left = budget.toMillis() - elapsedMillis(start);
      connection.setNetworkTimeout(DIRECT, (int) Math.max(1, left));
    }
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new Guard(connection, start));
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLException("Shepherd's connections use the configured user");
  }

  private final class Guard implements InvocationHandler {
    private final Connection connection;
    private final long start;

    Guard(Connection connection, long start) {
      this.connection = connection;
      this.start = start;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getName().equals("commit") && method.getParameterCount() == 0) {
        commit();
        return null;
      }
      try {
        return method.invoke(connection, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private void commit() throws SQLException {
      long elapsed = elapsedMillis(start);
      if (elapsed > budget.toMillis()) {
        connection.rollback();
        throw new SQLTimeoutException(
            "rolled back: the transaction took "
                + elapsed
                + " ms, over the "
                + budget.toMillis()
                + " ms a request may take",
            "57014");
      }
      try {
        connection.commit();
      } catch (SQLException e) {
        // Over a network, the server may have committed before the answer was lost; an embedded
        // H2 that failed to write its commit has not recorded it (the file never held it).
        throw networked ? new CommitInDoubt(e) : e;
      }
    }
  }

  private static long elapsedMillis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /**
   * The commit was sent but its answer never came: the database may or may not have recorded it.
   * Retrying is safe (every click has an idempotency key), so that is what the person is told.
   */
  static final class CommitInDoubt extends SQLException {
    CommitInDoubt(SQLException cause) {
      super("the commit's answer never came: " + cause.getMessage(), cause.getSQLState(), cause);
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("dev.shepherd.store");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || pool.isWrapperFor(type);
  }
}
