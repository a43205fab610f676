package dev.shepherd.store;

import dev.shepherd.audit.Phase;
import dev.shepherd.rollout.CompletedRun;
import dev.shepherd.rollout.EndedRun;
import dev.shepherd.rollout.Freeze;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.StepRun;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The questions asked across rollouts: what is active, what completed where, what is frozen, what
 * ended lately. Each is a bounded number of index probes however many rollouts the years have left.
 */
final class RolloutQueries {
  /**
   * The steps of every active rollout: a key probe per rollout, given {@link PlannerStatistics}.
   */
  static final String ACTIVE_STEPS =
      "SELECT s.* FROM rollout_steps s"
          + " JOIN active_partitions a ON a.rollout_id = s.rollout_id"
          + " ORDER BY s.rollout_id, s.phase, s.step_position";

  private final Sql sql;
  private final RolloutTable rows;

  RolloutQueries(Sql sql, RolloutTable rows) {
    this.sql = sql;
    this.rows = rows;
  }

  /** Two queries whatever the number of active rollouts: their rows, then all their steps. */
  List<Rollout> active() {
    Map<String, List<StepRun>> steps = new HashMap<>();
    sql.query(
        ACTIVE_STEPS,
        b -> {},
        row -> {
          steps
              .computeIfAbsent(row.getString("rollout_id"), id -> new ArrayList<>())
              .add(RowMapping.step(row));
          return null;
        });
    return sql.query(
        "SELECT r.* FROM rollouts r JOIN active_partitions a ON a.rollout_id = r.id"
            + " ORDER BY a.partition_name",
        b -> {},
        row -> {
          List<StepRun> mine = steps.getOrDefault(row.getString("id"), List.of());
          return RowMapping.rollout(row, phase(mine, Phase.FORWARD), phase(mine, Phase.ROLLBACK));
        });
  }

  private static List<StepRun> phase(List<StepRun> steps, Phase phase) {
    return steps.stream().filter(s -> s.phase() == phase).toList();
  }

  Optional<Rollout> activeOn(String partition) {
    return sql
        .strings("SELECT rollout_id FROM active_partitions WHERE partition_name = ?", partition)
        .stream()
        .findFirst()
        .flatMap(id -> rows.load(id, false));
  }

  List<CompletedRun> completed(String runbookId, List<String> partitions) {
    if (partitions.isEmpty()) {
      return List.of();
    }
    // One index probe per partition along rollouts_completed (V5), on PostgreSQL all in one
    // statement: the newest entry of each, never every completed run of the runbook. The ORDER
    // BY names every column of the index, fixed ones too: H2 walks an index in order only when
    // it is told so.
    String probe =
        "SELECT id, runbook_id, partition_name, revision_kind, revision_id, ended_at"
            + " FROM rollouts WHERE runbook_id = ? AND state = 'completed' AND partition_name = ?"
            + " ORDER BY runbook_id DESC, state DESC, partition_name DESC, ended_at DESC"
            + " FETCH FIRST 1 ROWS ONLY";
    List<CompletedRun> found = new ArrayList<>();
    if (sql.h2()) {
      // Embedded H2 has no round trip to save, and keeps a plain query prepared where it
      // parses and plans a UNION again on every call (half of /rollout list's time).
      for (String partition : partitions) {
        found.addAll(
            sql.query(
                probe,
                s -> {
                  s.setString(1, runbookId);
                  s.setString(2, partition);
                },
                RowMapping::completed));
      }
    } else {
      found.addAll(
          sql.query(
              String.join(" UNION ALL ", Collections.nCopies(partitions.size(), "(" + probe + ")")),
              s -> {
                for (int i = 0; i < partitions.size(); i++) {
                  s.setString(2 * i + 1, runbookId);
                  s.setString(2 * i + 2, partitions.get(i));
                }
              },
              RowMapping::completed));
    }
    // UNION ALL keeps no order of its own: give the partitions' order back.
    found.sort(Comparator.comparingInt(run -> partitions.indexOf(run.partition())));
    return found;
  }

  Optional<Freeze> freeze(String partition) {
    return sql
        .query(
            "SELECT * FROM freezes WHERE partition_name = ?",
            s -> s.setString(1, partition),
            RowMapping::freeze)
        .stream()
        .findFirst();
  }

  List<Freeze> freezes() {
    return sql.query("SELECT * FROM freezes ORDER BY partition_name", s -> {}, RowMapping::freeze);
  }

  void freeze(Freeze freeze) {
    sql.execute(
        "INSERT INTO freezes (partition_name, frozen_by, reason, frozen_at) VALUES (?, ?, ?, ?)",
        s -> {
          s.setString(1, freeze.partition());
          s.setString(2, freeze.by());
          s.setString(3, freeze.reason());
          RowMapping.setInstant(s, 4, Optional.of(freeze.at()));
        });
  }

  void unfreeze(String partition) {
    sql.execute("DELETE FROM freezes WHERE partition_name = ?", s -> s.setString(1, partition));
  }

  Optional<String> inThread(String channel, String threadTs) {
    return sql
        .strings(
            "SELECT id FROM rollouts WHERE thread_id = ? AND channel_id = ?", threadTs, channel)
        .stream()
        .findFirst();
  }

  /** The ended rollouts of a runbook, newest first: the runbook's history, in two queries. */
  List<Rollout> ended(String runbookId, int limit) {
    List<Rollout> rows =
        sql.query(
            "SELECT * FROM rollouts WHERE runbook_id = ? AND ended_at IS NOT NULL"
                + " ORDER BY ended_at DESC, id FETCH FIRST "
                + Math.max(limit, 0)
                + " ROWS ONLY",
            s -> s.setString(1, runbookId),
            row -> RowMapping.rollout(row, List.of(), List.of()));
    if (rows.isEmpty()) {
      return rows;
    }
    Map<String, List<StepRun>> steps = new HashMap<>();
    String marks = String.join(", ", Collections.nCopies(rows.size(), "?"));
    sql.query(
        "SELECT * FROM rollout_steps WHERE rollout_id IN ("
            + marks
            + ")"
            + " ORDER BY rollout_id, phase, step_position",
        s -> {
          for (int i = 0; i < rows.size(); i++) {
            s.setString(i + 1, rows.get(i).id());
          }
        },
        row -> {
          steps
              .computeIfAbsent(row.getString("rollout_id"), id -> new ArrayList<>())
              .add(RowMapping.step(row));
          return null;
        });
    List<Rollout> rollouts = new ArrayList<>();
    for (Rollout r : rows) {
      List<StepRun> mine = steps.getOrDefault(r.id(), List.of());
      rollouts.add(
          new Rollout(
              r.id(),
              r.runbook(),
              r.partition(),
              r.operator(),
              r.thread(),
              r.state(),
              r.createdAt(),
              r.scheduledFor(),
              r.startedAt(),
              r.endedAt(),
              r.override(),
              r.warnings(),
              r.approvers(),
              r.approvalsNeeded(),
              phase(mine, Phase.FORWARD),
              phase(mine, Phase.ROLLBACK),
              r.version()));
    }
    return rollouts;
  }

  List<EndedRun> endedRuns(String runbookId, int limit) {
    return sql.query(
        "SELECT id, partition_name, version, ended_at FROM rollouts WHERE runbook_id = ?"
            + " AND ended_at IS NOT NULL ORDER BY ended_at DESC, id FETCH FIRST "
            + Math.max(limit, 0)
            + " ROWS ONLY",
        s -> s.setString(1, runbookId),
        row ->
            new EndedRun(
                row.getString(1),
                row.getString(2),
                row.getInt(3),
                row.getObject(4, OffsetDateTime.class).toInstant()));
  }

  List<String> endedSince(Instant instant) {
    return sql.query(
        "SELECT id FROM rollouts WHERE ended_at >= ? ORDER BY ended_at",
        s -> RowMapping.setInstant(s, 1, Optional.of(instant)),
        row -> row.getString(1));
  }
}
