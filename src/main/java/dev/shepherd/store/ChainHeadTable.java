package dev.shepherd.store;

import dev.shepherd.audit.ChainHead;
import dev.shepherd.audit.RecordHash;
import dev.shepherd.store.Sql.SqlFailure;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Optional;

/**
 * The newest link of each chain. Locking a head serialises the appends to its chain across
 * replicas; a rollout's appends already hold the rollout's lock, so only rows of no rollout
 * (refused starts, freezes of one partition) ever wait here for each other.
 */
final class ChainHeadTable {
  private final Sql sql;

  ChainHeadTable(Sql sql) {
    this.sql = sql;
  }

  /**
   * Locks a chain's head until the transaction ends, creating it (at link 0, "no rows yet") for a
   * chain's first row. Two first rows of one partition's chain may race to create it: the loser's
   * insert fails on the key under a savepoint, and it locks the winner's head instead.
   */
  ChainHead lockHead(String chain) {
    String select = "SELECT * FROM audit_chain_heads WHERE chain_key = ? FOR UPDATE";
    var found = sql.query(select, s -> s.setString(1, chain), ChainHeadTable::head);
    if (!found.isEmpty()) {
      return found.get(0);
    }
    try {
      Savepoint savepoint = sql.connection().setSavepoint();
      try {
        sql.execute(
            "INSERT INTO audit_chain_heads (chain_key, seq, row_hash, ack_id) VALUES (?, 0, ?, 0)",
            s -> {
              s.setString(1, chain);
              s.setString(2, RecordHash.GENESIS);
            });
        sql.connection().releaseSavepoint(savepoint);
      } catch (SqlFailure e) {
        if (!e.isUniqueViolation()) {
          throw e;
        }
        sql.connection().rollback(savepoint);
      }
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
    return sql.query(select, s -> s.setString(1, chain), ChainHeadTable::head).get(0);
  }

  void moveHead(ChainHead next) {
    sql.execute(
        "UPDATE audit_chain_heads SET seq = ?, row_hash = ?, ack_id = ? WHERE chain_key = ?",
        s -> {
          s.setLong(1, next.seq());
          s.setString(2, next.hash());
          s.setLong(3, next.acknowledgementId());
          s.setString(4, next.chainKey());
        });
  }

  /** A chain's newest link as stored, without locking it: what a reader (the witness) sees. */
  Optional<ChainHead> find(String chain) {
    return sql
        .query(
            "SELECT * FROM audit_chain_heads WHERE chain_key = ?",
            s -> s.setString(1, chain),
            ChainHeadTable::head)
        .stream()
        .findFirst();
  }

  static ChainHead head(ResultSet row) throws SQLException {
    return new ChainHead(
        row.getString("chain_key"),
        row.getLong("seq"),
        row.getString("row_hash"),
        row.getLong("ack_id"));
  }
}
