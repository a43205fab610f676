package dev.shepherd.store;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.AuditKey;
import dev.shepherd.audit.AuditKeys;
import dev.shepherd.audit.ChainHead;
import dev.shepherd.rollout.CompletedRun;
import dev.shepherd.rollout.EndedRun;
import dev.shepherd.rollout.Freeze;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.rollout.RunbookRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The rollout store on JDBC. Each {@link #inTransaction} is one database transaction; a rollout is
 * locked with {@code SELECT … FOR UPDATE} so clicks on it serialise across replicas, and the "one
 * active rollout per partition" and "one acknowledgement per idempotency key" rules are unique
 * constraints. The SQL lives by concern: {@link RolloutTable} (a rollout's rows), {@link
 * AcknowledgementTable} with {@link ChainHeadTable} (the chained trail), {@link RolloutQueries}
 * (questions across rollouts), {@link RunbookSnapshotTable} (pinned runbook texts). Thread-safe.
 */
public final class JdbcRolloutStore implements RolloutStore {
  /** Kept here for the planner test that explains it. */
  static final String ACTIVE_STEPS = RolloutQueries.ACTIVE_STEPS;

  private final DataSource dataSource;
  private final Optional<AuditKey> key;

  /** Whether the database is H2, read off the first connection. */
  private volatile Boolean h2;

  /**
   * @param keys whose current key signs every acknowledgement appended
   */
  public JdbcRolloutStore(DataSource dataSource, AuditKeys keys) {
    this(dataSource, Optional.of(keys.current()));
  }

  private JdbcRolloutStore(DataSource dataSource, Optional<AuditKey> key) {
    this.dataSource = dataSource;
    this.key = key;
  }

  /**
   * A store for the commands that read the record and never act ({@code audit export}, {@code
   * retro}, {@code propose}): it holds no key, so appending an acknowledgement fails.
   */
  public static JdbcRolloutStore reading(DataSource dataSource) {
    return new JdbcRolloutStore(dataSource, Optional.empty());
  }

  @Override
  public <T> T inTransaction(Work<T> work) {
    return transaction(work::run);
  }

  private <T> T transaction(Function<JdbcTransaction, T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.apply(new JdbcTransaction(new Sql(connection, isH2(connection)), key));
        connection.commit();
        return result;
      } catch (RuntimeException | Error e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("database transaction failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Rollout> find(String rolloutId) {
    return transaction(tx -> tx.rollouts.load(rolloutId, false));
  }

  @Override
  public List<Rollout> active() {
    return transaction(tx -> tx.queries.active());
  }

  @Override
  public List<CompletedRun> completed(String runbookId, List<String> partitions) {
    return transaction(tx -> tx.queries.completed(runbookId, partitions));
  }

  @Override
  public List<Acknowledgement> trail(String rolloutId) {
    return transaction(tx -> tx.acknowledgements.trail(rolloutId));
  }

  @Override
  public Map<String, List<Acknowledgement>> trails(List<String> rolloutIds) {
    return transaction(tx -> tx.acknowledgements.trails(rolloutIds));
  }

  @Override
  public List<Freeze> freezes() {
    return transaction(tx -> tx.queries.freezes());
  }

  @Override
  public List<String> endedSince(Instant instant) {
    return transaction(tx -> tx.queries.endedSince(instant));
  }

  @Override
  public List<Rollout> ended(String runbookId, int limit) {
    return transaction(tx -> tx.queries.ended(runbookId, limit));
  }

  @Override
  public List<EndedRun> endedRuns(String runbookId, int limit) {
    return transaction(tx -> tx.queries.endedRuns(runbookId, limit));
  }

  @Override
  public Optional<String> inThread(String channel, String threadTs) {
    return transaction(tx -> tx.queries.inThread(channel, threadTs));
  }

  @Override
  public Optional<String> snapshot(RunbookRef runbook) {
    return transaction(tx -> tx.snapshots.snapshot(runbook));
  }

  /** Every channel a rollout was posted in, for a witness to read. */
  public List<String> channels() {
    return transaction(
        tx ->
            tx.sql.query(
                "SELECT DISTINCT channel_id FROM rollouts ORDER BY channel_id",
                s -> {},
                row -> row.getString(1)));
  }

  @Override
  public Optional<ChainHead> head(String rolloutId) {
    return transaction(tx -> tx.heads.find("rollout:" + rolloutId));
  }

  private boolean isH2(Connection connection) throws SQLException {
    Boolean known = h2;
    if (known == null) {
      known = connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("H2");
      h2 = known;
    }
    return known;
  }
}
