package dev.shepherd.store;

import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutStore.Conflict;
import dev.shepherd.rollout.StepRun;
import dev.shepherd.store.Sql.SqlFailure;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rollout's own rows: the rollout, its steps and its hold on a partition. An update names the
 * version it read, so a lost race is a {@link Conflict}.
 */
final class RolloutTable {
  private final Sql sql;

  RolloutTable(Sql sql) {
    this.sql = sql;
  }

  Optional<Rollout> load(String rolloutId, boolean forUpdate) {
    // The rollout row first (locked when asked), then its steps: read after the lock, the
    // steps are the ones the lock holder's transaction will see.
    List<Rollout> found =
        sql.query(
            "SELECT * FROM rollouts WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""),
            s -> s.setString(1, rolloutId),
            row -> RowMapping.rollout(row, List.of(), List.of()));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    List<StepRun> steps =
        sql.query(
            "SELECT * FROM rollout_steps WHERE rollout_id = ? ORDER BY phase, step_position",
            s -> s.setString(1, rolloutId),
            RowMapping::step);
    Rollout rollout = found.get(0);
    return Optional.of(
        new Rollout(
            rollout.id(),
            rollout.runbook(),
            rollout.partition(),
            rollout.operator(),
            rollout.thread(),
            rollout.state(),
            rollout.createdAt(),
            rollout.scheduledFor(),
            rollout.startedAt(),
            rollout.endedAt(),
            rollout.override(),
            rollout.warnings(),
            rollout.approvers(),
            rollout.approvalsNeeded(),
            steps.stream().filter(s -> s.phase() == Phase.FORWARD).toList(),
            steps.stream().filter(s -> s.phase() == Phase.ROLLBACK).toList(),
            rollout.version()));
  }

  void insert(Rollout rollout) {
    sql.execute(
        "INSERT INTO rollouts (id, runbook_id, runbook_path, runbook_title, revision_kind,"
            + " revision_id, partition_name, operator_id, channel_id, thread_id, state, created_at,"
            + " scheduled_for, started_at, ended_at, override_by, override_reason, warnings,"
            + " approvers, approvals_needed, version, team_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s -> {
          s.setString(1, rollout.id());
          s.setString(2, rollout.runbook().id());
          s.setString(3, rollout.runbook().path());
          s.setString(4, rollout.runbook().title());
          s.setString(5, RowMapping.lower(rollout.runbook().revision().kind()));
          s.setString(6, rollout.runbook().revision().id());
          s.setString(7, rollout.partition());
          s.setString(8, rollout.operator());
          s.setString(9, rollout.thread().channel());
          RowMapping.setText(s, 10, rollout.thread().threadId());
          s.setString(11, rollout.state().label());
          RowMapping.setInstant(s, 12, Optional.of(rollout.createdAt()));
          RowMapping.setInstant(s, 13, rollout.scheduledFor());
          RowMapping.setInstant(s, 14, rollout.startedAt());
          RowMapping.setInstant(s, 15, rollout.endedAt());
          RowMapping.setText(s, 16, rollout.override().map(o -> o.by()));
          RowMapping.setText(s, 17, rollout.override().map(o -> o.reason()));
          s.setString(18, RowMapping.join(rollout.warnings()));
          s.setString(19, RowMapping.join(rollout.approvers()));
          s.setInt(20, rollout.approvalsNeeded());
          s.setInt(21, rollout.version());
          RowMapping.setText(s, 22, rollout.thread().team());
        });
    if (rollout.state().isActive()) {
      try {
        sql.execute(
            "INSERT INTO active_partitions (partition_name, rollout_id) VALUES (?, ?)",
            s -> {
              s.setString(1, rollout.partition());
              s.setString(2, rollout.id());
            });
      } catch (SqlFailure e) {
        if (e.isUniqueViolation()) {
          throw new Conflict(
              Conflict.Kind.PARTITION_TAKEN,
              rollout.partition() + " already has an active rollout",
              e.getCause());
        }
        throw e;
      }
    }
    insertSteps(rollout);
  }

  void update(Rollout previous, Rollout next) {
    int changed =
        sql.execute(
            "UPDATE rollouts SET thread_id = ?, state = ?, started_at = ?,"
                + " ended_at = ?, warnings = ?, version = ? WHERE id = ? AND version = ?",
            s -> {
              RowMapping.setText(s, 1, next.thread().threadId());
              s.setString(2, next.state().label());
              RowMapping.setInstant(s, 3, next.startedAt());
              RowMapping.setInstant(s, 4, next.endedAt());
              s.setString(5, RowMapping.join(next.warnings()));
              s.setInt(6, next.version());
              s.setString(7, next.id());
              s.setInt(8, previous.version());
            });
    if (changed != 1) {
      throw new Conflict(
          Conflict.Kind.LOST_UPDATE, "rollout " + next.id() + " changed meanwhile", null);
    }
    if (previous.state().isActive() && !next.state().isActive()) {
      sql.execute(
          "DELETE FROM active_partitions WHERE rollout_id = ?", s -> s.setString(1, next.id()));
    }
    if (!previous.steps().equals(next.steps())
        || !previous.rollbackSteps().equals(next.rollbackSteps())) {
      sql.execute("DELETE FROM rollout_steps WHERE rollout_id = ?", s -> s.setString(1, next.id()));
      insertSteps(next);
    }
  }

  private void insertSteps(Rollout rollout) {
    List<StepRun> all = new ArrayList<>(rollout.steps());
    all.addAll(rollout.rollbackSteps());
    try (PreparedStatement s =
        sql.connection()
            .prepareStatement(
                "INSERT INTO rollout_steps"
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
        s.setString(9, RowMapping.join(step.approvedBy()));
        RowMapping.setInstant(s, 10, step.postedAt());
        RowMapping.setInstant(s, 11, step.finishedAt());
        RowMapping.setText(s, 12, step.finishedBy());
        RowMapping.setText(s, 13, step.reason());
        s.addBatch();
      }
      s.executeBatch();
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }
}
