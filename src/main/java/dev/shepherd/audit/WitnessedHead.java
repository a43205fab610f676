package dev.shepherd.audit;

import java.util.Objects;

/**
 * A chain head a witness outside the database holds for a rollout: the link number and hash its
 * chain had when the witness was written.
 *
 * @param where where the witness keeps it, as people find it ({@code Slack C0DEPLOYS at
 *     1764100000.000100})
 */
public record WitnessedHead(String rolloutId, long seq, String hash, String where) {
  public WitnessedHead {
    Objects.requireNonNull(rolloutId, "rolloutId");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(where, "where");
  }

  public String chainKey() {
    return "rollout:" + rolloutId;
  }
}
