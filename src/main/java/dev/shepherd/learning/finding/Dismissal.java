package dev.shepherd.learning.finding;

import java.util.Optional;

/**
 * An approver's word that a finding no longer matters, kept in the finding's rollout trail as a
 * dismiss acknowledgement whose detail is {@link #encode}: the finding's key, then the reason.
 */
public record Dismissal(String key, String reason) {
  private static final String SEPARATOR = ": ";

  public static String encode(String key, String reason) {
    return key + SEPARATOR + reason.strip();
  }

  public static Optional<Dismissal> decode(String detail) {
    int split = detail.indexOf(SEPARATOR);
    return split <= 0
        ? Optional.empty()
        : Optional.of(
            new Dismissal(
                detail.substring(0, split), detail.substring(split + SEPARATOR.length())));
  }
}
