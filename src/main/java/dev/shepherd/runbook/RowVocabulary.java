package dev.shepherd.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The words the reader understands for troubleshooting, for code that writes rows back into a
 * runbook: what a bold label or a table's header means, and whether a heading names a
 * troubleshooting part. The reader uses the same words, so what is written is what is read.
 */
public final class RowVocabulary {
  private RowVocabulary() {}

  /**
   * What a label or a column holds. {@code OTHER} is a part that ends a row (Rollback, Verify…).
   */
  public enum Meaning {
    SYMPTOM,
    CAUSE,
    FIX,
    OTHER
  }

  /**
   * Which column of a troubleshooting table holds what; -1 when none does. A merged column ("Cause
   * / fix") counts as the one meaning no other column has, as the reader takes it.
   */
  public record Columns(int count, int symptom, int cause, int fix) {}

  /**
   * What a bold label's name means ({@code Symptoms}, {@code Likely cause}…), if it names a part.
   */
  public static Optional<Meaning> label(String name) {
    return Labels.part(name)
        .map(
            part ->
                switch (part) {
                  case SYMPTOM -> Meaning.SYMPTOM;
                  case CAUSE -> Meaning.CAUSE;
                  case FIX -> Meaning.FIX;
                  default -> Meaning.OTHER;
                });
  }

  /**
   * Whether a heading inside a step names its troubleshooting part ("Troubleshooting", "Known
   * issues").
   */
  public static boolean troubleshootingHeading(String text) {
    return Labels.part(text).filter(p -> p == Labels.Part.TROUBLESHOOTING).isPresent();
  }

  /** The columns of a table with these header cells, or empty when it is no table of rows. */
  public static Optional<Columns> columns(List<String> headers) {
    List<String> lower = new ArrayList<>();
    headers.forEach(h -> lower.add(h.toLowerCase(Locale.ROOT)));
    int[] found = TroubleshootingTable.columns(lower);
    return found[0] < 0 || found[2] < 0
        ? Optional.empty()
        : Optional.of(new Columns(headers.size(), found[0], found[1], found[2]));
  }
}
