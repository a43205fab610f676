package dev.shepherd.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shepherd's database: a pooled connection to H2 (embedded default) or PostgreSQL, migrated by
 * Flyway on open. The same migrations serve both ({@code db/migration/common}), plus a folder per
 * database for what only one of them can express.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  private final HikariDataSource dataSource;
  private final String vendor;

  private Database(HikariDataSource dataSource, String vendor) {
    this.dataSource = dataSource;
    this.vendor = vendor;
  }

  /**
   * Opens and migrates the database.
   *
   * @param url a JDBC URL, {@code jdbc:h2:…} or {@code jdbc:postgresql:…}
   * @param user may be empty for H2
   * @param password never logged
   * @param schema the PostgreSQL schema to use (created if missing), or null for the default
   */
  public static Database open(String url, String user, String password, String schema) {
    return open(url, user, password, schema, null);
  }

  /** As {@link #open(String, String, String, String)}, with the pool's meters in a registry. */
  public static Database open(String url, String user, String password, String schema,
      Object meterRegistry) {
    HikariConfig config = new HikariConfig();
    if (meterRegistry != null) {
      config.setMetricRegistry(meterRegistry);
    }
    config.setJdbcUrl(withStatementCache(durable(url)));
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(10);
    config.setPoolName("shepherd");
    if (schema != null) {
      config.setSchema(schema);
    }
    config.setInitializationFailTimeout(-1);
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      String vendor = url.startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
          .schemas(schema == null ? new String[0] : new String[] {schema})
          .createSchemas(schema != null)
          .load()
          .migrate();
      if (vendor.equals("postgresql")) {
        refreshPlannerStatistics(dataSource);
      }
      return new Database(dataSource, vendor);
    } catch (RuntimeException e) {
      dataSource.close();
      throw new StoreException("cannot open the database at " + redact(url) + ": "
          + rootMessage(e) + " (check SHEPHERD_DB_URL, SHEPHERD_DB_USER and SHEPHERD_DB_PASSWORD)", e);
    }
  }

  private static void refreshPlannerStatistics(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      List<String> analyzed = PlannerStatistics.refreshStale(connection);
      if (!analyzed.isEmpty()) {
        log.info("analyzed {}: their planner statistics were older than their rows", analyzed);
      }
    } catch (SQLException e) {
      // Stale statistics make requests slower, never wrong: start anyway, and say so.
      log.warn("could not refresh planner statistics: {}", e.getMessage());
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** {@code h2} or {@code postgresql}. */
  public String vendor() {
    return vendor;
  }

  /** Whether the database answers now: what {@code /readyz} asks. */
  public boolean isReachable() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /**
   * H2 delays writing a commit to its file by up to half a second; a process killed in that
   * window would lose acknowledged clicks. Shepherd's audit trail must survive a SIGKILL, so file
   * databases write at commit unless the URL says otherwise.
   */
  static String durable(String url) {
    boolean h2File = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:")
        && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
    return h2File && !url.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY")
        ? url + ";WRITE_DELAY=0"
        : url;
  }

  /**
   * H2 parses and plans every statement a session prepares unless the session's query cache
   * holds it, and that cache keeps 8 statements by default: fewer than one click's worth, so
   * under load a third of H2's time went to preparing the same statements again. Every H2 URL
   * gets room for all of Shepherd's statements unless it says otherwise.
   */
  static String withStatementCache(String url) {
    return url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("QUERY_CACHE_SIZE")
        ? url + ";QUERY_CACHE_SIZE=" + H2_STATEMENT_CACHE
        : url;
  }

  /** Statements each H2 session keeps prepared: more than Shepherd and Quartz prepare between them. */
  static final int H2_STATEMENT_CACHE = 128;

  /** A JDBC URL without its password parameter, for messages. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
