package dev.shepherd.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rollout's trail as it is shown: each acknowledgement a {@link Redaction} supersedes with its
 * text replaced and its evidence dropped, its place in the chain (and so its hash) kept as stored.
 * For readers only: {@code audit verify} walks the rows as stored, never these.
 */
public final class Redactions {
  private Redactions() {}

  /**
   * The redactions a trail holds, by the id of the acknowledgement each supersedes: the first
   * listed of each, and only those naming a redactable acknowledgement of the same trail, wherever
   * in the trail it is listed (two passes: the acknowledgements by id, then the redactions).
   */
  public static Map<Long, Redaction> in(List<Acknowledgement> trail) {
    Map<Long, Acknowledgement> byId = new HashMap<>();
    for (Acknowledgement ack : trail) {
      byId.put(ack.id(), ack);
    }
    Map<Long, Redaction> redactions = new HashMap<>();
    for (Acknowledgement ack : trail) {
      Optional<Redaction> redaction = Redaction.of(ack);
      if (redaction.isEmpty()) {
        continue;
      }
      Acknowledgement target = byId.get(redaction.get().target());
      if (target != null
          && target.accepted()
          && Redaction.redactable(target.action())
          && !redactions.containsKey(target.id())) {
        redactions.put(target.id(), redaction.get());
      }
    }
    return redactions;
  }

  /** The trail with every superseded acknowledgement shown redacted. */
  public static List<Acknowledgement> shown(List<Acknowledgement> trail) {
    Map<Long, Redaction> redactions = in(trail);
    if (redactions.isEmpty()) {
      return trail;
    }
    return trail.stream()
        .map(a -> redactions.containsKey(a.id()) ? redactions.get(a.id()).applied(a) : a)
        .toList();
  }

  /** The chain with every superseded acknowledgement shown redacted, each link as stored. */
  public static List<ChainLink> shownLinks(List<ChainLink> chain) {
    return shownLinks(chain, in(chain.stream().map(ChainLink::acknowledgement).toList()));
  }

  /** The chain shown with {@code redactions}, the chain's own ({@link #in}), already found. */
  public static List<ChainLink> shownLinks(List<ChainLink> chain, Map<Long, Redaction> redactions) {
    if (redactions.isEmpty()) {
      return chain;
    }
    return chain.stream()
        .map(
            link -> {
              Redaction redaction = redactions.get(link.acknowledgement().id());
              return redaction == null
                  ? link
                  : new ChainLink(redaction.applied(link.acknowledgement()), link.link());
            })
        .toList();
  }
}
