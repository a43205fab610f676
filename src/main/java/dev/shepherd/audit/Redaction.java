package dev.shepherd.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A note taken off what the record shows, after the fact: kept as a {@link Action#REDACT}
 * acknowledgement whose detail is {@link #encode}, {@code #<id>: <reason>}, naming the
 * acknowledgement it supersedes. The superseded row is never edited (the chain forbids it): it
 * stays as stored and hashed, and every reader shows it as {@link #shown} instead of its text.
 *
 * @param id the redaction's own acknowledgement
 * @param target the acknowledgement whose text it supersedes, of the same rollout
 * @param by who redacted it
 */
public record Redaction(long id, long target, String reason, String by, Instant at) {
  private static final String MARK = "#";
  private static final String SEPARATOR = ": ";
  private static final DateTimeFormatter READABLE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** What may be redacted: what a person wrote for the record. */
  private static final List<Action> REDACTABLE =
      List.of(Action.NOTE, Action.SYMPTOM, Action.RESOLVE, Action.OUTSIDER_NOTE);

  public Redaction {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
  }

  /** The detail of a redaction of acknowledgement {@code target}. */
  public static String encode(long target, String reason) {
    return MARK + target + SEPARATOR + reason.strip();
  }

  /** The redaction an acknowledgement records: an accepted {@link Action#REDACT} only. */
  public static Optional<Redaction> of(Acknowledgement ack) {
    if (ack.action() != Action.REDACT || !ack.accepted() || !ack.detail().startsWith(MARK)) {
      return Optional.empty();
    }
    int split = ack.detail().indexOf(SEPARATOR);
    if (split <= MARK.length()) {
      return Optional.empty();
    }
    try {
      long target = Long.parseLong(ack.detail().substring(MARK.length(), split));
      return Optional.of(
          new Redaction(
              ack.id(),
              target,
              ack.detail().substring(split + SEPARATOR.length()),
              ack.user(),
              ack.at()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether acknowledgements of this action are what a person wrote, and so may be redacted. */
  public static boolean redactable(Action action) {
    return REDACTABLE.contains(action);
  }

  /**
   * What is shown instead of the text: {@code [redacted by U0ALICE at 2026-11-27 09:10:00 UTC:
   * why]}.
   */
  public String shown() {
    return "[redacted by "
        + by
        + " at "
        + READABLE.format(at)
        + SEPARATOR
        + reason.replace("\r", "").replace('\n', ' ')
        + "]";
  }

  /** "by U0ALICE at 2026-11-27 09:10:00 UTC": who redacted it and when, for an answer. */
  public String when() {
    return "by " + by + " at " + READABLE.format(at);
  }

  /** The superseded acknowledgement as every reader shows it: its text replaced, no evidence. */
  Acknowledgement applied(Acknowledgement superseded) {
    return new Acknowledgement(
        superseded.id(),
        superseded.rolloutId(),
        superseded.partition(),
        superseded.phase(),
        superseded.position(),
        superseded.action(),
        superseded.user(),
        superseded.at(),
        superseded.idempotencyKey(),
        superseded.accepted(),
        shown(),
        List.of());
  }
}
