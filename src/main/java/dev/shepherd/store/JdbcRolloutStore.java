package dev.shepherd.store;

import dev.shepherd.rollout.Acknowledgement;
import dev.shepherd.rollout.CompletedRun;
import dev.shepherd.rollout.Freeze;
import dev.shepherd.rollout.Phase;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.rollout.RunbookRef;
import dev.shepherd.rollout.StepRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The rollout store on JDBC. Each {@link #inTransaction} is one database transaction; a rollout
 * is locked with {@code SELECT … FOR UPDATE} so clicks on it serialise across replicas, and the
 * "one active rollout per partition" and "one acknowledgement per idempotency key" rules are
 * unique constraints. Thread-safe.
 */
public final class JdbcRolloutStore implements RolloutStore {
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  /** Whether the database is H2, read off the first connection. */
  private volatile Boolean h2;

  public JdbcRolloutStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public <T> T inTransaction(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(new JdbcTransaction(connection, isH2(connection)));
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
    return read(tx -> tx.load(rolloutId, false));
  }

  /** The steps of every active rollout: a key probe per rollout, given {@link PlannerStatistics}. */
  static final String ACTIVE_STEPS = "SELECT s.* FROM rollout_steps s"
      + " JOIN active_partitions a ON a.rollout_id = s.rollout_id"
      + " ORDER BY s.rollout_id, s.phase, s.step_position";

  /** Two queries whatever the number of active rollouts: their rows, then all their steps. */
  @Override
  public List<Rollout> active() {
    return read(tx -> {
      Map<String, List<StepRun>> steps = new HashMap<>();
      tx.query(ACTIVE_STEPS, b -> { }, row -> {
            steps.computeIfAbsent(row.getString("rollout_id"), id -> new ArrayList<>()).add(Rows.step(row));
            return null;
          });
      return tx.query("SELECT r.* FROM rollouts r JOIN active_partitions a ON a.rollout_id = r.id"
          + " ORDER BY a.partition_name", b -> { }, row -> {
            List<StepRun> mine = steps.getOrDefault(row.getString("id"), List.of());
            return Rows.rollout(row, phase(mine, Phase.FORWARD), phase(mine, Phase.ROLLBACK));
          });
    });
  }

  private static List<StepRun> phase(List<StepRun> steps, Phase phase) {
    return steps.stream().filter(s -> s.phase() == phase).toList();
  }

  @Override
  public List<CompletedRun> completed(String runbookId, List<String> partitions) {
    return read(tx -> tx.completed(runbookId, partitions));
  }

  @Override
  public List<Acknowledgement> trail(String rolloutId) {
    return read(tx -> tx.query(
        "SELECT * FROM acknowledgements WHERE rollout_id = ? ORDER BY id",
        statement -> statement.setString(1, rolloutId), Rows::acknowledgement));
  }

  @Override
  public List<Freeze> freezes() {
    return read(tx -> tx.query("SELECT * FROM freezes ORDER BY partition_name", s -> { }, Rows::freeze));
  }

  /** Reads in a transaction of their own, with the SQL helpers at hand. */
  @Override
  public List<String> endedSince(java.time.Instant instant) {
    return read(tx -> tx.query("SELECT id FROM rollouts WHERE ended_at >= ? ORDER BY ended_at",
        s -> Rows.setInstant(s, 1, Optional.of(instant)), row -> row.getString(1)));
  }

  @Override
  public Optional<String> snapshot(RunbookRef runbook) {
    return read(tx -> tx.query("SELECT content FROM runbook_snapshots WHERE revision_kind = ?"
        + " AND revision_id = ? AND path = ?", s -> {
          s.setString(1, Rows.lower(runbook.revision().kind()));
          s.setString(2, runbook.revision().id());
          s.setString(3, runbook.path());
        }, row -> row.getString(1)).stream().findFirst());
  }

  private <T> T read(java.util.function.Function<JdbcTransaction, T> work) {
    return inTransaction(tx -> work.apply((JdbcTransaction) tx));
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  @FunctionalInterface
  private interface Mapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private boolean isH2(Connection connection) throws SQLException {
    Boolean known = h2;
    if (known == null) {
      known = connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("H2");
      h2 = known;
    }
    return known;
  }

  /** One transaction's worth of SQL. */
  private static final class JdbcTransaction implements Transaction {
    private final Connection connection;
    private final boolean h2;

    JdbcTransaction(Connection connection, boolean h2) {
      this.connection = connection;
      this.h2 = h2;
    }

    @Override
    public Optional<Rollout> lock(String rolloutId) {
      return load(rolloutId, true);
    }

    Optional<Rollout> load(String rolloutId, boolean forUpdate) {
      // The rollout row first (locked when asked), then its steps: read after the lock, the
      // steps are the ones the lock holder's transaction will see.
      List<Rollout> found = query(
          "SELECT * FROM rollouts WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""),
          s -> s.setString(1, rolloutId), row -> Rows.rollout(row, List.of(), List.of()));
      if (found.isEmpty()) {
        return Optional.empty();
      }
      List<StepRun> steps = query(
          "SELECT * FROM rollout_steps WHERE rollout_id = ? ORDER BY phase, step_position",
          s -> s.setString(1, rolloutId), Rows::step);
      Rollout rollout = found.get(0);
      return Optional.of(new Rollout(rollout.id(), rollout.runbook(), rollout.partition(),
          rollout.operator(), rollout.thread(), rollout.state(), rollout.createdAt(),
          rollout.scheduledFor(), rollout.startedAt(), rollout.endedAt(), rollout.override(),
          rollout.warnings(), rollout.approvers(), rollout.approvalsNeeded(),
          steps.stream().filter(s -> s.phase() == Phase.FORWARD).toList(),
          steps.stream().filter(s -> s.phase() == Phase.ROLLBACK).toList(), rollout.version()));
    }

    @Override
    public void insert(Rollout rollout) {
      execute("INSERT INTO rollouts (id, runbook_id, runbook_path, runbook_title, revision_kind,"
          + " revision_id, partition_name, operator_id, channel_id, thread_id, state, created_at,"
          + " scheduled_for, started_at, ended_at, override_by, override_reason, warnings,"
          + " approvers, approvals_needed, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?, ?, ?, ?, ?, ?)", s -> {
            s.setString(1, rollout.id());
            s.setString(2, rollout.runbook().id());
            s.setString(3, rollout.runbook().path());
            s.setString(4, rollout.runbook().title());
            s.setString(5, Rows.lower(rollout.runbook().revision().kind()));
            s.setString(6, rollout.runbook().revision().id());
            s.setString(7, rollout.partition());
            s.setString(8, rollout.operator());
            s.setString(9, rollout.thread().channel());
            Rows.setText(s, 10, rollout.thread().threadId());
            s.setString(11, rollout.state().label());
            Rows.setInstant(s, 12, Optional.of(rollout.createdAt()));
            Rows.setInstant(s, 13, rollout.scheduledFor());
            Rows.setInstant(s, 14, rollout.startedAt());
            Rows.setInstant(s, 15, rollout.endedAt());
            Rows.setText(s, 16, rollout.override().map(o -> o.by()));
            Rows.setText(s, 17, rollout.override().map(o -> o.reason()));
            s.setString(18, Rows.join(rollout.warnings()));
            s.setString(19, Rows.join(rollout.approvers()));
            s.setInt(20, rollout.approvalsNeeded());
            s.setInt(21, rollout.version());
          });
      if (rollout.state().isActive()) {
        try {
          execute("INSERT INTO active_partitions (partition_name, rollout_id) VALUES (?, ?)", s -> {
            s.setString(1, rollout.partition());
            s.setString(2, rollout.id());
          });
        } catch (SqlFailure e) {
          if (UNIQUE_VIOLATION.equals(e.getCause().getSQLState())) {
            throw new Conflict(Conflict.Kind.PARTITION_TAKEN,
                rollout.partition() + " already has an active rollout", e.getCause());
          }
          throw e;
        }
      }
      insertSteps(rollout);
    }

    @Override
    public void update(Rollout previous, Rollout next) {
      int changed = execute("UPDATE rollouts SET thread_id = ?, state = ?, started_at = ?,"
          + " ended_at = ?, warnings = ?, version = ? WHERE id = ? AND version = ?", s -> {
            Rows.setText(s, 1, next.thread().threadId());
            s.setString(2, next.state().label());
            Rows.setInstant(s, 3, next.startedAt());
            Rows.setInstant(s, 4, next.endedAt());
            s.setString(5, Rows.join(next.warnings()));
            s.setInt(6, next.version());
            s.setString(7, next.id());
            s.setInt(8, previous.version());
          });
      if (changed != 1) {
        throw new Conflict(Conflict.Kind.LOST_UPDATE, "rollout " + next.id()
            + " changed meanwhile", null);
      }
      if (previous.state().isActive() && !next.state().isActive()) {
        execute("DELETE FROM active_partitions WHERE rollout_id = ?", s -> s.setString(1, next.id()));
      }
      if (!previous.steps().equals(next.steps()) || !previous.rollbackSteps().equals(next.rollbackSteps())) {
        execute("DELETE FROM rollout_steps WHERE rollout_id = ?", s -> s.setString(1, next.id()));
        insertSteps(next);
      }
    }

    private void insertSteps(Rollout rollout) {
      List<StepRun> all = new ArrayList<>(rollout.steps());
      all.addAll(rollout.rollbackSteps());
      try (PreparedStatement s = connection.prepareStatement("INSERT INTO rollout_steps"
          + " (rollout_id, phase, step_position, runbook_step, title, needs_approval, has_rollback,"
          + " state, approved_by, posted_at, finished_at, finished_by, reason)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (StepRun step : all) {
          s.setString(1, rollout.id());
          s.setString(2, step.phase().label());
          s.setInt(3, step.position());
          s.setInt(4, step.runbookStep());
          s.setString(5, step.title());
          s.setBoolean(6, step.needsApproval());
          s.setBoolean(7, step.hasRollback());
          s.setString(8, step.state().label());
          s.setString(9, Rows.join(step.approvedBy()));
          Rows.setInstant(s, 10, step.postedAt());
          Rows.setInstant(s, 11, step.finishedAt());
          Rows.setText(s, 12, step.finishedBy());
          Rows.setText(s, 13, step.reason());
          s.addBatch();
        }
        s.executeBatch();
      } catch (SQLException e) {
        throw new SqlFailure(e);
      }
    }

    @Override
    public Acknowledgement append(Acknowledgement ack) {
      try (PreparedStatement s = connection.prepareStatement("INSERT INTO acknowledgements"
          + " (rollout_id, partition_name, step_phase, step_position, action, user_id, acted_at,"
          + " idempotency_key, accepted, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        Rows.setText(s, 1, ack.rolloutId());
        s.setString(2, ack.partition());
        Rows.setText(s, 3, ack.phase().map(Phase::label));
        if (ack.position().isPresent()) {
          s.setInt(4, ack.position().get());
        } else {
          s.setNull(4, Types.INTEGER);
        }
        s.setString(5, ack.action().label());
        s.setString(6, ack.user());
        Rows.setInstant(s, 7, Optional.of(ack.at()));
        Rows.setText(s, 8, ack.idempotencyKey());
        s.setBoolean(9, ack.accepted());
        s.setString(10, ack.detail().length() > 4000 ? ack.detail().substring(0, 4000) : ack.detail());
        s.executeUpdate();
        try (ResultSet keys = s.getGeneratedKeys()) {
          keys.next();
          return ack.withId(keys.getLong(1));
        }
      } catch (SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw new Conflict(Conflict.Kind.DUPLICATE_KEY, "idempotency key "
              + ack.idempotencyKey().orElse("") + " was used already", e);
        }
        throw new SqlFailure(e);
      }
    }

    @Override
    public Optional<Acknowledgement> acknowledgement(String idempotencyKey) {
      return query("SELECT * FROM acknowledgements WHERE idempotency_key = ?",
          s -> s.setString(1, idempotencyKey), Rows::acknowledgement).stream().findFirst();
    }

    @Override
    public Optional<Rollout> activeOn(String partition) {
      return strings("SELECT rollout_id FROM active_partitions WHERE partition_name = ?", partition)
          .stream().findFirst().flatMap(id -> load(id, false));
    }

    @Override
    public List<CompletedRun> completed(String runbookId, List<String> partitions) {
      if (partitions.isEmpty()) {
        return List.of();
      }
      // One index probe per partition along rollouts_completed (V5), on PostgreSQL all in one
      // statement: the newest entry of each, never every completed run of the runbook. The ORDER
      // BY names every column of the index, fixed ones too: H2 walks an index in order only when
      // it is told so.
      String probe = "SELECT id, runbook_id, partition_name, revision_kind, revision_id, ended_at"
          + " FROM rollouts WHERE runbook_id = ? AND state = 'completed' AND partition_name = ?"
          + " ORDER BY runbook_id DESC, state DESC, partition_name DESC, ended_at DESC"
          + " FETCH FIRST 1 ROWS ONLY";
      List<CompletedRun> found = new ArrayList<>();
      if (h2) {
        // Embedded H2 has no round trip to save, and keeps a plain query prepared where it
        // parses and plans a UNION again on every call (half of /rollout list's time).
        for (String partition : partitions) {
          found.addAll(query(probe, s -> {
            s.setString(1, runbookId);
            s.setString(2, partition);
          }, Rows::completed));
        }
      } else {
        found.addAll(query(String.join(" UNION ALL ",
            java.util.Collections.nCopies(partitions.size(), "(" + probe + ")")), s -> {
              for (int i = 0; i < partitions.size(); i++) {
                s.setString(2 * i + 1, runbookId);
                s.setString(2 * i + 2, partitions.get(i));
              }
            }, Rows::completed));
      }
      // UNION ALL keeps no order of its own: give the partitions' order back.
      List<CompletedRun> runs = found;
      runs.sort(java.util.Comparator.comparingInt(run -> partitions.indexOf(run.partition())));
      return runs;
    }

    @Override
    public Optional<Freeze> freeze(String partition) {
      return query("SELECT * FROM freezes WHERE partition_name = ?", s -> s.setString(1, partition),
          Rows::freeze).stream().findFirst();
    }

    @Override
    public void freeze(Freeze freeze) {
      execute("INSERT INTO freezes (partition_name, frozen_by, reason, frozen_at) VALUES (?, ?, ?, ?)",
          s -> {
            s.setString(1, freeze.partition());
            s.setString(2, freeze.by());
            s.setString(3, freeze.reason());
            Rows.setInstant(s, 4, Optional.of(freeze.at()));
          });
    }

    @Override
    public void unfreeze(String partition) {
      execute("DELETE FROM freezes WHERE partition_name = ?", s -> s.setString(1, partition));
    }

    @Override
    public void snapshot(RunbookRef runbook, String content) {
      Binder key = s -> {
        s.setString(1, Rows.lower(runbook.revision().kind()));
        s.setString(2, runbook.revision().id());
        s.setString(3, runbook.path());
      };
      boolean known = !query("SELECT 1 FROM runbook_snapshots WHERE revision_kind = ? AND"
          + " revision_id = ? AND path = ?", key, row -> 1).isEmpty();
      if (known) {
        return;
      }
      // Two first starts of one revision (on two partitions) race to keep its text. The loser's
      // insert fails on the primary key; on PostgreSQL that failure would abort the whole start,
      // so it runs under a savepoint and the winner's identical row is kept.
      try {
        Savepoint savepoint = connection.setSavepoint();
        try {
          execute("INSERT INTO runbook_snapshots (revision_kind, revision_id, path, content)"
              + " VALUES (?, ?, ?, ?)", s -> {
                key.bind(s);
                s.setString(4, content);
              });
          connection.releaseSavepoint(savepoint);
        } catch (SqlFailure e) {
          if (!UNIQUE_VIOLATION.equals(e.getCause().getSQLState())) {
            throw e;
          }
          connection.rollback(savepoint);
        }
      } catch (SQLException e) {
        throw new SqlFailure(e);
      }
    }

    List<String> strings(String sql, String... parameters) {
      return query(sql, s -> {
        for (int i = 0; i < parameters.length; i++) {
          s.setString(i + 1, parameters[i]);
        }
      }, row -> row.getString(1));
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
  }

  /** A statement failed; carries the SQLException so its SQL state can be read. */
  private static final class SqlFailure extends RuntimeException {
    SqlFailure(SQLException cause) {
      super(cause.getMessage(), cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }
}
