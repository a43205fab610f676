package dev.shepherd.audit;

import dev.shepherd.audit.AuditReport.Kind;
import dev.shepherd.audit.AuditReport.Tampering;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares what a witness outside the database holds with the chains in it. Each witnessed head
 * names a link of a rollout's chain; the link must still be there with the same hash. A chain
 * rewritten and its head recomputed in the database shows as another hash at that link; a rollout
 * deleted with its head shows as a witnessed rollout with nothing left in the database. One walk of
 * the stored hashes (not the rows' contents: verify checks those), keeping only the witnessed
 * links.
 */
public final class WitnessCheck {
  private final AuditLog log;

  public WitnessCheck(AuditLog log) {
    this.log = Objects.requireNonNull(log, "log");
  }

  /** What the check found: how many rollouts were witnessed, and which disagree. */
  public record Result(int witnessed, int chains, List<Tampering> problems) {
    public Result {
      problems = List.copyOf(problems);
    }

    public boolean clean() {
      return problems.isEmpty();
    }
  }

  public Result check(List<WitnessedHead> witnessed) {
    // The newest witness of each link; a rollout's summary may be witnessed more than once.
    Map<String, Map<Long, WitnessedHead>> wanted = new HashMap<>();
    for (WitnessedHead head : witnessed) {
      wanted.computeIfAbsent(head.chainKey(), k -> new HashMap<>()).put(head.seq(), head);
    }
    Map<String, Map<Long, String>> found = new HashMap<>();
    log.storedHashes(
        stored -> {
          Map<Long, WitnessedHead> links = wanted.get(stored.chainKey());
          if (links != null && links.containsKey(stored.seq())) {
            found
                .computeIfAbsent(stored.chainKey(), k -> new HashMap<>())
                .put(stored.seq(), stored.hash());
          }
        });
    Map<String, ChainHead> heads = log.heads();
    List<Tampering> problems = new ArrayList<>();
    for (Map.Entry<String, Map<Long, WitnessedHead>> chain : wanted.entrySet()) {
      Map<Long, String> links = found.getOrDefault(chain.getKey(), Map.of());
      ChainHead head = heads.get(chain.getKey());
      chain.getValue().values().stream()
          .sorted(Comparator.comparingLong(WitnessedHead::seq))
          .map(w -> compare(w, links, head))
          .flatMap(Optional::stream)
          .findFirst()
          .ifPresent(problems::add);
    }
    problems.sort(Comparator.comparing(Tampering::chainKey));
    return new Result(wanted.size(), heads.size(), problems);
  }

  private static Optional<Tampering> compare(
      WitnessedHead witness, Map<Long, String> links, ChainHead head) {
    String rollout = "rollout " + witness.rolloutId();
    String held =
        witness.where()
            + " holds link "
            + witness.seq()
            + " of its chain as "
            + shortHash(witness.hash());
    if (links.isEmpty() && head == null) {
      return Optional.of(
          new Tampering(
              Kind.DELETED,
              witness.chainKey(),
              0,
              rollout
                  + " was deleted with its head: "
                  + held
                  + ", and the database has neither its rows nor its head"));
    }
    String stored = links.get(witness.seq());
    if (stored == null) {
      return Optional.of(
          new Tampering(
              Kind.DELETED,
              witness.chainKey(),
              head == null ? 0 : head.acknowledgementId(),
              rollout
                  + " lost rows: "
                  + held
                  + ", and the database has no link "
                  + witness.seq()
                  + (head == null ? " and no head" : " (its head names link " + head.seq() + ")")));
    }
    if (!stored.equals(witness.hash())) {
      return Optional.of(
          new Tampering(
              Kind.EDITED,
              witness.chainKey(),
              head == null ? 0 : head.acknowledgementId(),
              rollout
                  + " was rewritten: "
                  + held
                  + ", the database "
                  + shortHash(stored)
                  + " (its chain and head were recomputed)"));
    }
    return Optional.empty();
  }

  private static String shortHash(String hash) {
    return "`" + hash.substring(0, Math.min(12, hash.length())) + "`";
  }
}
