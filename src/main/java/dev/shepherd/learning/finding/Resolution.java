package dev.shepherd.learning.finding;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What fixed a failed step, and why it failed if known, as the person who finished it said. Kept in
 * the rollout's trail as a resolve acknowledgement whose detail is {@link #encode()}.
 */
public record Resolution(String fix, String cause, String by, Instant at) {
  private static final String CAUSE = "\ncause: ";
  private static final String FIX = "fix: ";

  public Resolution {
    Objects.requireNonNull(fix, "fix");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
  }

  /** The acknowledgement's detail: readable in an export as it is. */
  public static String encode(String fix, String cause) {
    return FIX + fix.strip() + (cause.isBlank() ? "" : CAUSE + cause.strip());
  }

  public static Resolution decode(String detail, String by, Instant at) {
    String text = detail.startsWith(FIX) ? detail.substring(FIX.length()) : detail;
    int split = text.indexOf(CAUSE);
    return split < 0
        ? new Resolution(text.strip(), "", by, at)
        : new Resolution(
            text.substring(0, split).strip(),
            text.substring(split + CAUSE.length()).strip(),
            by,
            at);
  }

  public Optional<String> knownCause() {
    return cause.isBlank() ? Optional.empty() : Optional.of(cause);
  }
}
