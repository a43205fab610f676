package dev.shepherd.cli;

import dev.shepherd.app.OfflineRecord;
import dev.shepherd.export.ExportFormat;
import dev.shepherd.rollout.RolloutRecord;
import dev.shepherd.rollout.StoreFailure;
import dev.shepherd.rollout.engine.RecordReader;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shepherd audit export}: one rollout's record, or every rollout's in a period. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Write a rollout's record (or every rollout's from --since to --until) to stdout.")
final class AuditExportCommand implements Callable<Integer> {
  @Mixin DatabaseOption database;

  @Parameters(index = "0", arity = "0..1", paramLabel = "ROLLOUT-ID", description = "The rollout.")
  String rolloutId;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "markdown",
      description = "markdown (the default), json or csv.")
  String format;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      description = "Every rollout created from then: 2026-11-01 or 2026-11-01T09:00:00Z.")
  String since;

  @Option(names = "--until", paramLabel = "WHEN", description = "… until then (default: now).")
  String until;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      ExportFormat chosen =
          ExportFormat.named(format)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--format must be markdown, json or csv, not \"" + format + "\""));
      if ((rolloutId == null) == (since == null)) {
        throw new IllegalArgumentException(
            "name a rollout id, or a period with --since"
                + " (and --until), not "
                + (rolloutId == null ? "neither" : "both"));
      }
      try (OfflineRecord opened = database.open(System.getenv())) {
        RecordReader records = opened.records();
        List<RolloutRecord> found;
        if (rolloutId != null) {
          found =
              List.of(
                  records
                      .of(rolloutId)
                      .orElseThrow(
                          () ->
                              new IllegalArgumentException(
                                  "no rollout " + rolloutId + " in this database")));
        } else {
          Instant from = when("--since", since);
          Instant to =
              Optional.ofNullable(until).map(u -> when("--until", u)).orElse(Instant.now());
          if (!to.isAfter(from)) {
            throw new IllegalArgumentException(
                "--until (" + to + ") must be after --since (" + from + ")");
          }
          found = records.between(from, to);
        }
        out.print(chosen.write(found));
        out.flush();
        return 0;
      }
    } catch (IllegalArgumentException | StoreFailure e) {
      err.println("shepherd audit export: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  private static Instant when(String option, String text) {
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option
              + " must be a date (2026-11-01) or an instant"
              + " (2026-11-01T09:00:00Z), not \""
              + text
              + "\"");
    }
  }
}
