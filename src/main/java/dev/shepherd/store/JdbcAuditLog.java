package dev.shepherd.store;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.AuditLog;
import dev.shepherd.audit.ChainHead;
import dev.shepherd.audit.ChainLink;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
    read(
        sql -> {
          try (PreparedStatement statement =
              sql.connection()
                  .prepareStatement(
                      "SELECT * FROM acknowledgements WHERE chain_key IS NOT NULL AND chain_seq IS NOT NULL"
                          + " ORDER BY chain_key, chain_seq")) {
            // PostgreSQL streams a result only with a fetch size, inside a transaction.
            statement.setFetchSize(FETCH);
            try (ResultSet row = statement.executeQuery()) {
              while (row.next()) {
                rows.accept(RowMapping.link(row));
              }
            }
            return null;
          } catch (SQLException e) {
            throw new Sql.SqlFailure(e);
          }
        });
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
                "SELECT * FROM acknowledgements WHERE (chain_key IS NULL OR chain_seq IS NULL) AND id >="
                    + " (SELECT MAX(first_chained_id) FROM audit_chain_start) ORDER BY id",
                s -> {},
                RowMapping::acknowledgement));
  }

  @Override
  public long beforeChain() {
    return read(
        sql ->
            sql.query(
                    "SELECT COUNT(*) FROM acknowledgements WHERE chain_key IS NULL"
                        + " AND id < (SELECT MAX(first_chained_id) FROM audit_chain_start)",
                    s -> {},
                    row -> row.getLong(1))
                .get(0));
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
