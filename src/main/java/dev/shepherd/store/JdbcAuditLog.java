package dev.shepherd.store;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.AuditLog;
import dev.shepherd.audit.ChainHead;
import dev.shepherd.audit.ChainLink;
import dev.shepherd.audit.KeyedStart;
import dev.shepherd.audit.Phase;
import dev.shepherd.audit.RecordHash;
import dev.shepherd.audit.RolloutRows;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The audit's view of the acknowledgements on JDBC: the rows as stored, read-only. The walk streams
 * rows in chain order along the chain index, a page at a time. Thread-safe.
 */
public final class JdbcAuditLog implements AuditLog {
  private static final int FETCH = 2000;
  private final DataSource dataSource;

  public JdbcAuditLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void walk(Consumer<ChainLink> rows) {
    stream(
        "SELECT * FROM acknowledgements WHERE chain_key IS NOT NULL AND chain_seq IS NOT NULL"
            + " ORDER BY chain_key, chain_seq",
        s -> {},
        row -> rows.accept(RowMapping.link(row)));
  }

  @Override
  public void storedHashes(Consumer<StoredHash> rows) {
    stream(
        "SELECT chain_key, chain_seq, row_hash FROM acknowledgements"
            + " WHERE chain_key IS NOT NULL AND chain_seq IS NOT NULL",
        s -> {},
        row ->
            rows.accept(
                new StoredHash(
                    row.getString(1),
                    row.getLong(2),
                    Optional.ofNullable(row.getString(3)).orElse(""))));
  }

  /** Streams a query's rows a page at a time. */
  private void stream(String query, Sql.Binder binder, RowConsumer each) {
    read(
        sql -> {
          try (PreparedStatement statement = sql.connection().prepareStatement(query)) {
            binder.bind(statement);
            // PostgreSQL streams a result only with a fetch size, inside a transaction.
            statement.setFetchSize(FETCH);
            try (ResultSet row = statement.executeQuery()) {
              while (row.next()) {
                each.accept(row);
              }
            }
            return null;
          } catch (SQLException e) {
            throw new Sql.SqlFailure(e);
          }
        });
  }

  private interface RowConsumer {
    void accept(ResultSet row) throws SQLException;
  }

  @Override
  public Map<String, ChainHead> heads() {
    return read(
        sql -> {
          Map<String, ChainHead> heads = new HashMap<>();
          sql.query("SELECT * FROM audit_chain_heads", s -> {}, ChainHeadTable::head)
              .forEach(head -> heads.put(head.chainKey(), head));
          return heads;
        });
  }

  @Override
  public List<Acknowledgement> unchained() {
    return read(
        sql ->
            sql.query(
                "SELECT * FROM acknowledgements WHERE chain_key IS NULL OR chain_seq IS NULL"
                    + " ORDER BY id",
                s -> {},
                RowMapping::acknowledgement));
  }

  @Override
  public Optional<KeyedStart> keyedStart() {
    return read(KeyedStartTable::read);
  }

  @Override
  public void unkeyedThrough(long id, Consumer<ChainLink> rows) {
    stream(
        "SELECT * FROM acknowledgements WHERE id <= ? AND (hash_version IS NULL OR hash_version <> "
            + RecordHash.KEYED
            + ") ORDER BY id",
        s -> s.setLong(1, id),
        row -> rows.accept(RowMapping.link(row)));
  }

  @Override
  public void rolloutRows(Consumer<RolloutRows> rollouts) {
    read(
        sql -> {
          Map<String, List<StepRun>> steps = new HashMap<>();
          sql.query(
              "SELECT * FROM rollout_steps ORDER BY rollout_id, phase, step_position",
              s -> {},
              row -> {
                steps
                    .computeIfAbsent(row.getString("rollout_id"), id -> new ArrayList<>())
                    .add(RowMapping.step(row));
                return null;
              });
          sql.query(
              "SELECT * FROM rollouts ORDER BY id",
              s -> {},
              row -> {
                List<StepRun> mine = steps.getOrDefault(row.getString("id"), List.of());
                Rollout rollout =
                    RowMapping.rollout(
                        row,
                        mine.stream().filter(st -> st.phase() == Phase.FORWARD).toList(),
                        mine.stream().filter(st -> st.phase() == Phase.ROLLBACK).toList());
                rollouts.accept(rows(rollout, mine));
                return null;
              });
          return null;
        });
  }

  private static RolloutRows rows(Rollout rollout, List<StepRun> steps) {
    return new RolloutRows(
        rollout.id(),
        rollout.operator(),
        rollout.state().label(),
        StateDigest.of(rollout),
        steps.stream()
            .map(
                st ->
                    new RolloutRows.StepRow(
                        st.phase(),
                        st.position(),
                        st.state().label(),
                        st.finishedBy(),
                        st.approvedBy()))
            .toList());
  }

  @Override
  public Snapshot snapshot(String rolloutId) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      // One snapshot for both reads: READ COMMITTED would let each statement see its own.
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        Sql sql =
            new Sql(
                connection,
                connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("H2"));
        List<ChainLink> chain =
            sql.query(
                "SELECT * FROM acknowledgements WHERE rollout_id = ? ORDER BY chain_key, chain_seq",
                s -> s.setString(1, rolloutId),
                RowMapping::link);
        Optional<RolloutRows> rows =
            new RolloutTable(sql).load(rolloutId, false).map(r -> rows(r, allSteps(r)));
        connection.commit();
        return new Snapshot(chain, rows);
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the audit log: " + e.getMessage(), e);
    }
  }

  private static List<StepRun> allSteps(Rollout rollout) {
    List<StepRun> all = new ArrayList<>(rollout.steps());
    all.addAll(rollout.rollbackSteps());
    return all;
  }

  @Override
  public List<ChainLink> chain(String rolloutId) {
    return read(
        sql ->
            sql.query(
                "SELECT * FROM acknowledgements WHERE rollout_id = ? ORDER BY id",
                s -> s.setString(1, rolloutId),
                RowMapping::link));
  }

  @Override
  public List<String> createdBetween(Instant since, Instant until) {
    return read(
        sql ->
            sql.query(
                "SELECT id FROM rollouts WHERE created_at >= ? AND created_at < ?"
                    + " ORDER BY created_at, id",
                s -> {
                  RowMapping.setInstant(s, 1, Optional.of(since));
                  RowMapping.setInstant(s, 2, Optional.of(until));
                },
                row -> row.getString(1)));
  }

  private <T> T read(Function<Sql, T> work) {
    return Sql.inTransaction(dataSource, "cannot read the audit log", work);
  }
}
