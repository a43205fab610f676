package dev.shepherd.export;

import dev.shepherd.rollout.RolloutRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The formats {@code audit export} writes. */
public enum ExportFormat {
  MARKDOWN,
  JSON,
  CSV;

  public String write(List<RolloutRecord> records) {
    return switch (this) {
      case MARKDOWN -> MarkdownExport.write(records);
      case JSON -> JsonExport.write(records);
      case CSV -> CsvExport.write(records);
    };
  }

  /** The format of a name as typed ({@code markdown}, {@code md}, {@code json}, {@code csv}). */
  public static Optional<ExportFormat> named(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals("md")
        ? Optional.of(MARKDOWN)
        : Arrays.stream(values())
            .filter(f -> f.name().toLowerCase(Locale.ROOT).equals(lower))
            .findFirst();
  }
}
