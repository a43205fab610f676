package dev.shepherd.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

  /** How long opening the database may wait for its first connection. */
  static final Duration OPENING_WAIT = Duration.ofSeconds(30);

  /** How long a request may wait for a pooled connection. */
  static final Duration POOL_WAIT = Duration.ofMillis(1000);

  /** How long checking a pooled connection before lending it may take. */
  static final Duration VALIDATION = Duration.ofMillis(500);

  /**
   * From taking a connection to committing: what is left of Slack's three seconds after the
   * request's own work, with room for the answer to travel back.
   */
  static final Duration TRANSACTION_BUDGET = Duration.ofMillis(2000);

  private final HikariDataSource pool;
  private final String vendor;
  private final RequestDeadline requests;
  private final ReadinessProbe probe;

  private Database(HikariDataSource pool, String vendor, RequestDeadline requests) {
    this.pool = pool;
    this.vendor = vendor;
    this.requests = requests;
    this.probe = new ReadinessProbe(pool);
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
  public static Database open(
      String url, String user, String password, String schema, Object meterRegistry) {
    return open(url, user, password, schema, meterRegistry, Optional.empty());
  }

  /**
   * The role that owns Shepherd's tables and runs the migrations, apart from the role Shepherd runs
   * as (PostgreSQL): the owner may change the append-only triggers, so it is not the one a request
   * runs as.
   */
  public record Owner(String user, String password) {
    @Override
    public String toString() {
      return "Owner[" + user + "]";
    }
  }

  /**
   * As {@link #open(String, String, String, String, Object)}; on PostgreSQL with an {@code owner},
   * the migrations run as the owner, who then grants {@code user} what Shepherd needs and no more:
   * SELECT and INSERT on the record and on the user group pins, moving chain heads, the rest of the
   * tables in full.
   */
  public static Database open(
      String url,
      String user,
      String password,
      String schema,
      Object meterRegistry,
      Optional<Owner> owner) {
    String vendor = url.startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
    String effectiveUrl =
        withStatementCache(durable(vendor.equals("postgresql") ? failFast(url) : url));
    H2Files.compact(effectiveUrl);
    HikariDataSource dataSource = pool(effectiveUrl, user, password, schema, meterRegistry);
    try {
      awaitFirstConnection(dataSource);
      if (owner.isPresent() && vendor.equals("postgresql")) {
        RecordRoles.migrateAsOwner(effectiveUrl, owner.get(), user, schema);
      } else {
        if (owner.isPresent()) {
          log.warn(
              "SHEPHERD_DB_OWNER_USER is for PostgreSQL and is ignored on H2: whoever holds the"
                  + " H2 file can change any row, and only the audit key makes it show");
        } else if (vendor.equals("postgresql")) {
          log.warn(
              "Shepherd runs as the role that owns its tables ({}): that role may drop the"
                  + " record's append-only triggers. Set SHEPHERD_DB_OWNER_USER and"
                  + " SHEPHERD_DB_OWNER_PASSWORD to migrate as an owner role and run as one that"
                  + " may only read and append the record",
              user);
        }
        migrate(dataSource, vendor, schema);
      }
      if (vendor.equals("postgresql")) {
        refreshPlannerStatistics(dataSource);
      }
      return new Database(
          dataSource,
          vendor,
          new RequestDeadline(dataSource, TRANSACTION_BUDGET, vendor.equals("postgresql")));
    } catch (RuntimeException e) {
      dataSource.close();
      throw cannotOpen(url, e, owner.isPresent());
    }
  }

  /**
   * Opens a database that {@code serve} keeps, for a command that reads the record ({@code audit
   * verify}, {@code export}, {@code evidence}, {@code propose}, {@code retro}): its schema is left
   * as it is (no compaction, no migration, no grants), since such a command often runs from another
   * build than the running {@code serve}, and a newer one migrating the database would leave every
   * older replica unable to start. Refused, saying what to do, when the database holds no Shepherd
   * schema or one behind this Shepherd's.
   */
  public static Database openAsMigrated(String url, String user, String password) {
    String vendor = url.startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
    String effectiveUrl =
        withStatementCache(durable(vendor.equals("postgresql") ? failFast(url) : url));
    HikariDataSource dataSource = pool(effectiveUrl, user, password, null, null);
    Optional<String> behind;
    try {
      awaitFirstConnection(dataSource);
      behind = schemaProblem(dataSource, vendor, url);
    } catch (RuntimeException e) {
      dataSource.close();
      throw cannotOpen(url, e, false);
    }
    if (behind.isPresent()) {
      dataSource.close();
      throw new StoreException(behind.get(), null);
    }
    return new Database(
        dataSource,
        vendor,
        new RequestDeadline(dataSource, TRANSACTION_BUDGET, vendor.equals("postgresql")));
  }

  /** Why a database's schema is not one this Shepherd reads as it is, if it is not. */
  private static Optional<String> schemaProblem(DataSource dataSource, String vendor, String url) {
    org.flywaydb.core.api.MigrationInfoService info = flyway(dataSource, vendor, null).info();
    if (info.current() == null) {
      return Optional.of(
          "no Shepherd record in the database at "
              + redact(url)
              + ": point --db (or SHEPHERD_DB_URL) at the one serve uses");
    }
    org.flywaydb.core.api.MigrationInfo[] pending = info.pending();
    if (pending.length == 0) {
      return Optional.empty();
    }
    return Optional.of(
        "the database at "
            + redact(url)
            + " is at schema version "
            + info.current().getVersion()
            + ", behind this Shepherd's "
            + pending[pending.length - 1].getVersion()
            + ": upgrade serve first (its start migrates the database), or run this command with"
            + " the Shepherd version serve runs. A command that reads the record never migrates"
            + " it");
  }

  private static StoreException cannotOpen(String url, RuntimeException e, boolean owner) {
    return new StoreException(
        "cannot open the database at "
            + redact(url)
            + ": "
            + rootMessage(e)
            + " (check SHEPHERD_DB_URL, SHEPHERD_DB_USER and SHEPHERD_DB_PASSWORD"
            + (owner ? ", SHEPHERD_DB_OWNER_USER and SHEPHERD_DB_OWNER_PASSWORD" : "")
            + ")",
        e);
  }

  private static HikariDataSource pool(
      String effectiveUrl, String user, String password, String schema, Object meterRegistry) {
    HikariConfig config = new HikariConfig();
    if (meterRegistry != null) {
      config.setMetricRegistry(meterRegistry);
    }
    config.setJdbcUrl(effectiveUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(10);
    config.setPoolName("shepherd");
    if (schema != null) {
      config.setSchema(schema);
    }
    config.setInitializationFailTimeout(-1);
    // A request waits at most this long for a connection: past it, the person is told to try
    // again while Slack still listens, instead of being answered after Slack gave up.
    config.setConnectionTimeout(POOL_WAIT.toMillis());
    config.setValidationTimeout(VALIDATION.toMillis());
    config.setExceptionOverride(new ClosedStoreEviction());
    return new HikariDataSource(config);
  }

  static void migrate(DataSource dataSource, String vendor, String schema) {
    flyway(dataSource, vendor, schema).migrate();
  }

  private static Flyway flyway(DataSource dataSource, String vendor, String schema) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
        .schemas(schema == null ? new String[0] : new String[] {schema})
        .createSchemas(schema != null)
        .load();
  }

  /**
   * Opening may wait longer than a request (a database starting beside Shepherd, a cold JVM): up to
   * {@link #OPENING_WAIT} for the first connection, asking again each time the pool's own wait runs
   * out.
   */
  private static void awaitFirstConnection(HikariDataSource dataSource) {
    long deadline = System.nanoTime() + OPENING_WAIT.toNanos();
    while (true) {
      try (Connection connection = dataSource.getConnection()) {
        return;
      } catch (SQLException e) {
        if (!(e instanceof java.sql.SQLTransientConnectionException)
            || System.nanoTime() > deadline) {
          throw new StoreException(e.getMessage(), e);
        }
      }
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

  /**
   * The connections requests and timers use: each transaction commits within {@link
   * #TRANSACTION_BUDGET} of taking its connection, or is rolled back.
   */
  public DataSource dataSource() {
    return requests;
  }

  /**
   * Connections with no request deadline, for the commands that read the whole record in one
   * transaction ({@code audit verify}): a check of a large record takes longer than a click may,
   * and being slow is not a reason to stop it.
   */
  public DataSource reports() {
    return pool;
  }

  /** {@code h2} or {@code postgresql}. */
  public String vendor() {
    return vendor;
  }

  /** Whether the database answers now. */
  public boolean isReachable() {
    return problem(Duration.ofSeconds(2)).isEmpty();
  }

  /**
   * Why the database cannot serve a request now, found within {@code limit}: what {@code /readyz}
   * says. Empty when a statement ran.
   */
  public Optional<String> problem(Duration limit) {
    return probe.problem(limit);
  }

  @Override
  public void close() {
    probe.close();
    pool.close();
  }

  /** See {@link H2Files#durable}: what keeps an acknowledged click on an H2 file. */
  static String durable(String url) {
    return H2Files.durable(url);
  }

  /**
   * PostgreSQL's driver waits for ever by default: for a TCP connection to a server that does not
   * answer, and for the server's greeting. Bounded unless the URL says otherwise, so a pool
   * refilling during an outage frees its threads and notices the server coming back.
   */
  static String failFast(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    StringBuilder result = new StringBuilder(url);
    char separator = url.contains("?") ? '&' : '?';
    for (String[] setting : new String[][] {{"connectTimeout", "2"}, {"loginTimeout", "3"}}) {
      if (!lower.contains(setting[0].toLowerCase(Locale.ROOT) + "=")) {
        result.append(separator).append(setting[0]).append('=').append(setting[1]);
        separator = '&';
      }
    }
    return result.toString();
  }

  /**
   * H2 parses and plans every statement a session prepares unless the session's query cache holds
   * it, and that cache keeps 8 statements by default: fewer than one click's worth, so under load a
   * third of H2's time went to preparing the same statements again. Every H2 URL gets room for all
   * of Shepherd's statements unless it says otherwise.
   */
  static String withStatementCache(String url) {
    return url.startsWith("jdbc:h2:") && !url.toUpperCase(Locale.ROOT).contains("QUERY_CACHE_SIZE")
        ? url + ";QUERY_CACHE_SIZE=" + H2_STATEMENT_CACHE
        : url;
  }

  /**
   * Statements each H2 session keeps prepared: more than Shepherd and Quartz prepare between them.
   */
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
