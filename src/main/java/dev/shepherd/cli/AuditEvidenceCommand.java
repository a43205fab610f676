package dev.shepherd.cli;

import dev.shepherd.app.OfflineRecord;
import dev.shepherd.app.SlackWitnessRead;
import dev.shepherd.audit.WitnessCheck;
import dev.shepherd.config.ConfigException;
import dev.shepherd.export.EvidencePack;
import dev.shepherd.rollout.StoreFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shepherd audit evidence}: the evidence pack of a period, one Markdown document per change
 * and an index, written to a folder. Exit 0 when written, 2 on bad usage.
 */
@Command(
    name = "evidence",
    mixinStandardHelpOptions = true,
    description =
        "Write the evidence of every change in a period (who requested, who approved, the pinned"
            + " revision and its diff since the previous partition, notes, overrides, the record"
            + " check): one Markdown document per change and an index.")
final class AuditEvidenceCommand implements Callable<Integer> {
  @Mixin DatabaseOption database;

  @Option(names = "--from", required = true, paramLabel = "DATE", description = "2026-11-01")
  String from;

  @Option(names = "--to", required = true, paramLabel = "DATE", description = "… to (inclusive)")
  String to;

  @Option(names = "--partition", paramLabel = "PARTITION", description = "Only this partition.")
  String partition;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "evidence",
      description = "The folder to write (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--witness",
      paramLabel = "WITNESS",
      description = "Also check each change against slack (needs SLACK_BOT_TOKEN).")
  String witness;

  @Option(
      names = "--channel",
      paramLabel = "CHANNEL",
      split = ",",
      description = "Channels to read besides those the database names.")
  List<String> channels = new ArrayList<>();

  @Option(
      names = "--audit-key-file",
      paramLabel = "FILE",
      description =
          "The key file serve signs with, for the record check (default: SHEPHERD_AUDIT_KEY, else"
              + " audit.key beside the H2 file or in SHEPHERD_DATA_DIR).")
  Path keyFile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, String> env;

  AuditEvidenceCommand() {
    this(System.getenv());
  }

  AuditEvidenceCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter printed = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      LocalDate first = date("--from", from);
      LocalDate last = date("--to", to);
      if (last.isBefore(first)) {
        throw new IllegalArgumentException("--to (" + last + ") is before --from (" + first + ")");
      }
      if (witness != null && !witness.equals("slack")) {
        throw new IllegalArgumentException("unknown witness \"" + witness + "\": the one is slack");
      }
      List<EvidencePack.Document> documents;
      try (OfflineRecord opened = database.open(env)) {
        Optional<WitnessCheck.Result> witnessed = Optional.empty();
        if (witness != null) {
          witnessed =
              Optional.of(
                  SlackWitnessRead.check(opened, channels, env, Duration.ofMillis(1200), 200)
                      .result());
        }
        documents =
            opened.evidence(
                first,
                last,
                Optional.ofNullable(partition),
                witnessed,
                opened.keys(Optional.ofNullable(keyFile), env));
      }
      Files.createDirectories(out);
      for (EvidencePack.Document document : documents) {
        Files.writeString(out.resolve(document.name()), document.markdown());
      }
      printed.println(
          "wrote "
              + (documents.size() - 1)
              + " change(s) and an index to "
              + out.resolve("index.md"));
      printed.flush();
      return 0;
    } catch (IllegalArgumentException | StoreFailure | ConfigException e) {
      err.println("shepherd audit evidence: " + e.getMessage());
      err.flush();
      return 2;
    } catch (SlackWitnessRead.Unreadable e) {
      err.println("shepherd audit evidence: cannot read the Slack witness: " + e.getMessage());
      err.flush();
      return 2;
    } catch (IOException e) {
      err.println("shepherd audit evidence: cannot write " + out + ": " + e.getMessage());
      err.flush();
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("shepherd audit evidence: interrupted while reading Slack");
      err.flush();
      return 2;
    }
  }

  private static LocalDate date(String option, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option + " must be a date (2026-11-01), not \"" + text + "\"");
    }
  }
}
