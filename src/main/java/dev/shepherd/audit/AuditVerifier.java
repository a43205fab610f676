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
 * Walks every chain of the audit log and names, for each chain that no longer holds, the first row
 * that shows it: a row whose content no longer gives its hash (edited), a gap in a chain or a chain
 * shorter than its head (deleted), a row on no chain, past its chain's head or older than the link
 * before it (inserted). Reads one row at a time: memory grows with the chains, not the rows.
 */
public final class AuditVerifier {
  private final AuditLog log;

  public AuditVerifier(AuditLog log) {
    this.log = Objects.requireNonNull(log, "log");
  }

  public AuditReport verify() {
    Map<String, ChainHead> heads = log.heads();
    List<Tampering> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Walk walk = new Walk(heads, problems, seen);
    log.walk(walk::row);
    walk.finish();
    for (ChainHead head : heads.values()) {
      if (head.seq() > 0 && !seen.contains(head.chainKey())) {
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
    for (Acknowledgement ack : log.unchained()) {
      problems.add(
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
    problems.sort(Comparator.comparingLong(Tampering::acknowledgementId));
    return new AuditReport(seen.size(), walk.rows, log.beforeChain(), problems);
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

  /** The state of the chain being walked. */
  private static final class Walk {
    private final Map<String, ChainHead> heads;
    private final List<Tampering> problems;
    private final Set<String> seen;
    private String chain;
    private long expected;
    private String previousHash;
    private Optional<Acknowledgement> previous = Optional.empty();
    private boolean broken;
    long rows;

    Walk(Map<String, ChainHead> heads, List<Tampering> problems, Set<String> seen) {
      this.heads = heads;
      this.problems = problems;
      this.seen = seen;
    }

    void row(ChainLink row) {
      rows++;
      ChainLink.Link link = row.link().orElseThrow();
      if (!link.chainKey().equals(chain)) {
        finish();
        chain = link.chainKey();
        seen.add(chain);
        expected = 1;
        previousHash = RecordHash.GENESIS;
        previous = Optional.empty();
        broken = false;
      }
      if (broken) {
        return;
      }
      Acknowledgement ack = row.acknowledgement();
      Optional<ChainHead> head = Optional.ofNullable(heads.get(chain));
      if (head.isEmpty()) {
        fail(
            Kind.INSERTED,
            ack,
            "acknowledgement "
                + ack.id()
                + " ("
                + what(ack)
                + ") starts "
                + describe(chain)
                + ", a chain Shepherd never began: inserted outside Shepherd");
      } else if (link.seq() > head.get().seq()) {
        fail(
            Kind.INSERTED,
            ack,
            "acknowledgement "
                + ack.id()
                + " ("
                + what(ack)
                + ") is link "
                + link.seq()
                + " of "
                + describe(chain)
                + ", past its head (link "
                + head.get().seq()
                + "): inserted outside Shepherd");
      } else if (link.seq() > expected) {
        fail(
            Kind.DELETED,
            ack,
            (link.seq() - expected)
                + " link(s) of "
                + describe(chain)
                + " were deleted before acknowledgement "
                + ack.id()
                + " ("
                + what(ack)
                + "): "
                + (link.seq() - 1 > expected
                    ? "links " + expected + "-" + (link.seq() - 1) + " are"
                    : "link " + expected + " is")
                + " missing");
      } else if (!link.previousHash().equals(previousHash) && previous.isPresent()) {
        Acknowledgement before = previous.get();
        fail(
            Kind.EDITED,
            before,
            "acknowledgement "
                + before.id()
                + " ("
                + what(before)
                + ") of "
                + describe(chain)
                + " was edited: the next link (acknowledgement "
                + ack.id()
                + ") was chained to another hash");
      } else if (!row.intact()) {
        fail(
            Kind.EDITED,
            ack,
            "acknowledgement "
                + ack.id()
                + " ("
                + what(ack)
                + ") of "
                + describe(chain)
                + " was edited: its content no longer matches its hash");
      } else if (previous.isPresent() && ack.id() < previous.get().id()) {
        fail(
            Kind.INSERTED,
            ack,
            "acknowledgement "
                + ack.id()
                + " ("
                + what(ack)
                + ") of "
                + describe(chain)
                + " was inserted out of order: it is older than link "
                + (link.seq() - 1)
                + " (acknowledgement "
                + previous.get().id()
                + ")");
      }
      expected = link.seq() + 1;
      previousHash = link.hash();
      previous = Optional.of(ack);
    }

    void finish() {
      if (chain == null || broken || previous.isEmpty()) {
        return;
      }
      ChainHead head = heads.get(chain);
      Acknowledgement last = previous.get();
      if (head.seq() > expected - 1) {
        fail(
            Kind.DELETED,
            last,
            "the last "
                + (head.seq() - expected + 1)
                + " link(s) of "
                + describe(chain)
                + " were deleted after acknowledgement "
                + last.id()
                + " ("
                + what(last)
                + "): its head names link "
                + head.seq()
                + ", acknowledgement "
                + head.acknowledgementId());
      } else if (!head.hash().equals(previousHash)) {
        fail(
            Kind.EDITED,
            last,
            "acknowledgement "
                + last.id()
                + " ("
                + what(last)
                + ") of "
                + describe(chain)
                + " was edited: its chain's head holds another hash");
      }
    }

    private void fail(Kind kind, Acknowledgement ack, String message) {
      problems.add(new Tampering(kind, chain, ack.id(), message));
      broken = true;
    }
  }
}
