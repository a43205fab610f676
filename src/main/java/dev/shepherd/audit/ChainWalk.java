package dev.shepherd.audit;

import dev.shepherd.audit.AuditReport.Kind;
import dev.shepherd.audit.AuditReport.Tampering;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One pass over every chained row, chain by chain: names each chain's first row that shows a
 * change, and hands every accepted row to the {@link StateCheck}. Keeps one chain's state at a
 * time.
 */
final class ChainWalk {
  private final Map<String, ChainHead> heads;
  private final AuditKeys keys;
  private final long keyedFrom;
  private final StateCheck states;
  private final List<Tampering> problems;
  private final Set<String> seen = new HashSet<>();

  /** Rows hashed without the key after the key began: problems unless no key ever wrote. */
  final List<Tampering> unkeyedLate = new ArrayList<>();

  long keyedRows;
  private String chain;
  private long expected;
  private String previousHash;
  private Optional<Acknowledgement> previous = Optional.empty();
  private boolean broken;
  long rows;

  /**
   * @param keyedFrom the first id every row must be a keyed link from: the keyed start's through-id
   *     plus one, or 0 with no keyed start
   */
  ChainWalk(
      Map<String, ChainHead> heads,
      AuditKeys keys,
      long keyedFrom,
      StateCheck states,
      List<Tampering> problems) {
    this.heads = heads;
    this.keys = keys;
    this.keyedFrom = keyedFrom;
    this.states = states;
    this.problems = problems;
  }

  Set<String> seen() {
    return seen;
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
    Acknowledgement ack = row.acknowledgement();
    if (ack.accepted()) {
      states.accepted(ack, link);
    }
    if (link.keyed()) {
      keyedRows++;
    } else if (ack.id() >= keyedFrom) {
      unkeyedLate.add(
          new Tampering(
              Kind.INSERTED,
              chain,
              ack.id(),
              "acknowledgement "
                  + ack.id()
                  + " ("
                  + AuditVerifier.what(ack)
                  + ") of "
                  + AuditVerifier.describe(chain)
                  + " carries an unkeyed (v1) hash, yet it comes after the keyed record began:"
                  + " written outside Shepherd"));
    }
    if (broken) {
      return;
    }
    ChainLink.Check check = row.check(keys);
    Optional<ChainHead> head = Optional.ofNullable(heads.get(chain));
    if (head.isEmpty()) {
      fail(
          Kind.INSERTED,
          ack,
          "acknowledgement "
              + ack.id()
              + " ("
              + AuditVerifier.what(ack)
              + ") starts "
              + AuditVerifier.describe(chain)
              + ", a chain Shepherd never began: inserted outside Shepherd");
    } else if (link.seq() > head.get().seq()) {
      fail(
          Kind.INSERTED,
          ack,
          "acknowledgement "
              + ack.id()
              + " ("
              + AuditVerifier.what(ack)
              + ") is link "
              + link.seq()
              + " of "
              + AuditVerifier.describe(chain)
              + ", past its head (link "
              + head.get().seq()
              + "): inserted outside Shepherd");
    } else if (link.seq() > expected) {
      fail(
          Kind.DELETED,
          ack,
          (link.seq() - expected)
              + " link(s) of "
              + AuditVerifier.describe(chain)
              + " were deleted before acknowledgement "
              + ack.id()
              + " ("
              + AuditVerifier.what(ack)
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
              + AuditVerifier.what(before)
              + ") of "
              + AuditVerifier.describe(chain)
              + " was edited: the next link (acknowledgement "
              + ack.id()
              + ") was chained to another hash");
    } else if (check == ChainLink.Check.UNKNOWN_KEY) {
      fail(
          Kind.UNVERIFIABLE,
          ack,
          "acknowledgement "
              + ack.id()
              + " ("
              + AuditVerifier.what(ack)
              + ") of "
              + AuditVerifier.describe(chain)
              + " was signed with audit key "
              + link.keyId()
              + ", which this check was not given: add it to SHEPHERD_AUDIT_OLD_KEYS"
              + " (or the key file) to check it");
    } else if (check == ChainLink.Check.CHANGED) {
      fail(
          Kind.EDITED,
          ack,
          "acknowledgement "
              + ack.id()
              + " ("
              + AuditVerifier.what(ack)
              + ") of "
              + AuditVerifier.describe(chain)
              + " was edited: its content no longer matches its "
              + (link.keyed() ? "keyed hash" : "hash"));
    } else if (previous.isPresent() && ack.id() < previous.get().id()) {
      fail(
          Kind.INSERTED,
          ack,
          "acknowledgement "
              + ack.id()
              + " ("
              + AuditVerifier.what(ack)
              + ") of "
              + AuditVerifier.describe(chain)
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
              + AuditVerifier.describe(chain)
              + " were deleted after acknowledgement "
              + last.id()
              + " ("
              + AuditVerifier.what(last)
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
              + AuditVerifier.what(last)
              + ") of "
              + AuditVerifier.describe(chain)
              + " was edited: its chain's head holds another hash");
    }
  }

  private void fail(Kind kind, Acknowledgement ack, String message) {
    problems.add(new Tampering(kind, chain, ack.id(), message));
    broken = true;
  }
}
