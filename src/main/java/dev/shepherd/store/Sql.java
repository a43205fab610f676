package dev.shepherd.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Statements on one connection, with JDBC's checked failures turned into {@link SqlFailure} so the
 * SQL state stays readable where a constraint encodes a rule. Not thread-safe: one a transaction.
 */
final class Sql {
  static final String UNIQUE_VIOLATION = "23505";

  private final Connection connection;
  private final boolean h2;

  Sql(Connection connection, boolean h2) {
    this.connection = connection;
    this.h2 = h2;
  }

  /**
   * Runs the work in one transaction on a connection of its own: committed when it returns, rolled
   * back when it throws.
   *
   * @param failing what the store failed to do, for the error ("cannot read the audit log")
   */
  static <T> T inTransaction(
      javax.sql.DataSource dataSource, String failing, Function<Sql, T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result =
            work.apply(
                new Sql(
                    connection,
                    connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("H2")));
        connection.commit();
        return result;
      } catch (RuntimeException | Error e) {
        connection.rollback();
        throw e;
      }
    } catch (java.sql.SQLException e) {
      throw new StoreException(failing + ": " + e.getMessage(), e);
    }
  }

  Connection connection() {
    return connection;
  }

  boolean h2() {
    return h2;
  }

  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  @FunctionalInterface
  interface Mapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  List<String> strings(String sql, String... parameters) {
    return query(
        sql,
        s -> {
          for (int i = 0; i < parameters.length; i++) {
            s.setString(i + 1, parameters[i]);
          }
        },
        row -> row.getString(1));
  }

  <T> List<T> query(String sql, Binder binder, Mapper<T> mapper) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        List<T> results = new ArrayList<>();
        while (rows.next()) {
          results.add(mapper.map(rows));
        }
        return results;
      }
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  int execute(String sql, Binder binder) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  /** A statement failed; carries the SQLException so its SQL state can be read. */
  static final class SqlFailure extends RuntimeException {
    SqlFailure(SQLException cause) {
      super(cause.getMessage(), cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }

    boolean isUniqueViolation() {
      return UNIQUE_VIOLATION.equals(getCause().getSQLState());
    }
  }
}
