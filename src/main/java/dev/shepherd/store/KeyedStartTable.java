package dev.shepherd.store;

import dev.shepherd.audit.AuditKeys;
import dev.shepherd.audit.KeyedStart;
import dev.shepherd.audit.RecordHash;
import dev.shepherd.store.Sql.SqlFailure;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where the keyed record begins ({@link KeyedStart}): one row, written once, by the first Shepherd
 * that opens this database with a key. Later starts find it and leave it.
 */
public final class KeyedStartTable {
  private KeyedStartTable() {}

  /**
   * Writes the keyed start if there is none yet: the rows written until now are the ones before the
   * key, sealed by their count and digest under the current key. Call once at start, before any
   * acknowledgement is appended; replicas starting together write one row between them.
   */
  public static KeyedStart ensure(DataSource dataSource, AuditKeys keys) {
    return Sql.inTransaction(
        dataSource,
        "cannot begin the keyed record",
        sql -> {
          Optional<KeyedStart> found = read(sql);
          if (found.isPresent()) {
            return found.get();
          }
          long through =
              sql.query(
                      "SELECT COALESCE(MAX(id), 0) FROM acknowledgements",
                      s -> {},
                      row -> row.getLong(1))
                  .get(0);
          KeyedStart.Digest digest = new KeyedStart.Digest();
          sql.query(
              "SELECT * FROM acknowledgements WHERE id <= ? AND (hash_version IS NULL OR"
                  + " hash_version <> "
                  + RecordHash.KEYED
                  + ") ORDER BY id",
              s -> s.setLong(1, through),
              row -> {
                digest.add(RowMapping.link(row));
                return null;
              });
          KeyedStart start =
              KeyedStart.signed(keys.current(), through, digest.rows(), digest.hex());
          try {
            sql.execute(
                "INSERT INTO audit_keyed_start (only_one, through_id, legacy_rows, legacy_digest,"
                    + " key_id, signature) VALUES (1, ?, ?, ?, ?, ?)",
                s -> {
                  s.setLong(1, start.throughId());
                  s.setLong(2, start.rows());
                  s.setString(3, start.digest());
                  s.setString(4, start.keyId());
                  s.setString(5, start.signature());
                });
          } catch (SqlFailure e) {
            if (e.isUniqueViolation()) {
              throw new IllegalStateException(
                  "another Shepherd began the keyed record at the same moment: start again", e);
            }
            throw e;
          }
          return start;
        });
  }

  static Optional<KeyedStart> read(Sql sql) {
    return sql
        .query(
            "SELECT * FROM audit_keyed_start",
            s -> {},
            row ->
                new KeyedStart(
                    row.getLong("through_id"),
                    row.getLong("legacy_rows"),
                    row.getString("legacy_digest"),
                    row.getString("key_id"),
                    row.getString("signature")))
        .stream()
        .findFirst();
  }
}
