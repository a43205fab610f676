package dev.shepherd.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The port through which the audit reads the acknowledgements exactly as they are stored. */
public interface AuditLog {
  /** Every chained row, chain by chain and in chain order, without holding them all at once. */
  void walk(Consumer<ChainLink> rows);

  /** The newest link of every chain, by chain key. */
  Map<String, ChainHead> heads();

  /** Rows that should carry a link and do not: recorded after the chain began, yet on none. */
  List<Acknowledgement> unchained();

  /** How many rows were recorded before the chain began (they carry no hash). */
  long beforeChain();

  /** A rollout's rows with their links, oldest first. */
  List<ChainLink> chain(String rolloutId);

  /** Ids of rollouts created in a period, oldest first. */
  List<String> createdBetween(Instant since, Instant until);
}
