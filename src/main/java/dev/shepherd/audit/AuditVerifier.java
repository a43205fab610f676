package dev.shepherd.audit;

import dev.shepherd.audit.AuditReport.Kind;
import dev.shepherd.audit.AuditReport.Tampering;
import dev.shepherd.format.Times;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the whole record and names, for each chain that no longer holds, the first row that shows
 * it: a row whose content no longer gives its keyed hash (edited, or rehashed without the key), a
 * gap in a chain or a chain shorter than its head (deleted), a row on no chain, unkeyed after the
 * keyed record began, past its chain's head or older than the link before it (inserted); and each
 * rollout whose rows say what its record does not (rewritten). Reads one row at a time: memory
 * grows with the chains, not the rows.
 */
public final class AuditVerifier {
  private final AuditLog log;
  private final AuditKeys keys;

  public AuditVerifier(AuditLog log, AuditKeys keys) {
    this.log = Objects.requireNonNull(log, "log");
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  public AuditReport verify() {
    Map<String, ChainHead> heads = log.heads();
    Optional<KeyedStart> start = log.keyedStart();
    long keyedFrom = start.map(s -> s.throughId() + 1).orElse(0L);
    List<Tampering> problems = new ArrayList<>();
    StateCheck states = new StateCheck();
    ChainWalk walk = new ChainWalk(heads, keys, keyedFrom, states, problems);
    log.walk(walk::row);
    walk.finish();
    for (ChainHead head : heads.values()) {
      if (head.seq() > 0 && !walk.seen().contains(head.chainKey())) {
        problems.add(
            new Tampering(
                Kind.DELETED,
                head.chainKey(),
                head.acknowledgementId(),
                "every row of "
                    + describe(head.chainKey())
                    + " was deleted: its head names "
                    + head.seq()
                    + " link(s), the last acknowledgement "
                    + head.acknowledgementId()));
      }
    }
    List<Tampering> unkeyed = new ArrayList<>(walk.unkeyedLate);
    long unchainedBefore = 0;
    for (Acknowledgement ack : log.unchained()) {
      if (ack.id() < keyedFrom) {
        unchainedBefore++;
        continue;
      }
      unkeyed.add(
          new Tampering(
              Kind.INSERTED,
              ack.chainKey(),
              ack.id(),
              "acknowledgement "
                  + ack.id()
                  + " ("
                  + what(ack)
                  + ") was inserted outside Shepherd: it is on no chain"));
    }
    // A database no keyed Shepherd ever wrote has no signed start: its rows can only be reported.
    boolean unkeyedOnly = start.isEmpty() && walk.keyedRows == 0;
    long beforeKey;
    if (unkeyedOnly) {
      beforeKey = unkeyed.size();
    } else {
      problems.addAll(unkeyed);
      beforeKey = start.map(s -> checkStart(s, problems)).orElse(0L);
    }
    // A chain that no longer holds is named already: its rollout's rows are not checked against it.
    Set<String> broken = new HashSet<>();
    problems.forEach(p -> broken.add(p.chainKey()));
    List<Tampering> disagreeing = new ArrayList<>();
    states.check(log, broken, disagreeing);
    problems.addAll(again(disagreeing));
    problems.sort(Comparator.comparingLong(Tampering::acknowledgementId));
    return new AuditReport(walk.seen().size(), walk.rows, beforeKey, unkeyedOnly, problems);
  }

  /**
   * The rollouts whose rows disagreed with their record, each checked again from one snapshot of
   * both: Shepherd may be running (PostgreSQL), and a rollout that moved on between reading the
   * record and reading the rows is not a finding; one that still disagrees is.
   */
  private List<Tampering> again(List<Tampering> disagreeing) {
    List<Tampering> still = new ArrayList<>();
    disagreeing.stream()
        .map(Tampering::chainKey)
        .distinct()
        .forEach(
            chain -> {
              String rolloutId = chain.substring("rollout:".length());
              still.addAll(StateCheck.recheck(rolloutId, log.snapshot(rolloutId)));
            });
    return still;
  }

  /** Checks the keyed start's signature and the rows before it; returns how many there are. */
  private long checkStart(KeyedStart start, List<Tampering> problems) {
    if (!start.holds(keys)) {
      problems.add(
          new Tampering(
              Kind.EDITED,
              "start",
              start.throughId(),
              "the keyed start (rows before the key through acknowledgement "
                  + start.throughId()
                  + ") is not signed by audit key "
                  + start.keyId()
                  + (keys.byId(start.keyId()).isPresent()
                      ? ": it was changed outside Shepherd"
                      : ", which this check was not given")));
      return start.rows();
    }
    KeyedStart.Digest digest = new KeyedStart.Digest();
    log.unkeyedThrough(start.throughId(), digest::add);
    if (digest.rows() != start.rows() || !digest.hex().equals(start.digest())) {
      problems.add(
          new Tampering(
              Kind.EDITED,
              "start",
              start.throughId(),
              "the rows written before the key (through acknowledgement "
                  + start.throughId()
                  + ") are not the ones the keyed start holds: "
                  + digest.rows()
                  + " now, "
                  + start.rows()
                  + " when the key began"
                  + (digest.rows() == start.rows() ? ", and one or more was changed" : "")));
    }
    return start.rows();
  }

  static String describe(String chainKey) {
    return chainKey.startsWith("rollout:")
        ? "rollout " + chainKey.substring("rollout:".length())
        : "partition " + chainKey.substring("partition:".length()) + "'s chain";
  }

  static String what(Acknowledgement ack) {
    return ack.action().label()
        + ack.position().map(p -> " on step " + p).orElse("")
        + " by "
        + ack.user()
        + " at "
        + Times.format(ack.at());
  }
}
