package dev.shepherd.cli;

import dev.shepherd.learning.finding.RolloutFindings;
import dev.shepherd.learning.retro.RetrospectiveDrafter;
import dev.shepherd.learning.stats.RunbookHistory;
import dev.shepherd.rollout.engine.RecordReader;
import dev.shepherd.store.Database;
import dev.shepherd.store.JdbcAuditLog;
import dev.shepherd.store.JdbcRolloutStore;
import dev.shepherd.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shepherd retro}: a rollout's retrospective as Markdown, from the database. */
@Command(
    name = "retro",
    mixinStandardHelpOptions = true,
    description =
        "Write a rollout's retrospective (what happened, what went wrong and how it was"
            + " fixed, findings, open questions, proposed runbook changes) as Markdown.")
final class RetroCommand implements Callable<Integer> {
  @Mixin AuditDatabase database;

  @Parameters(index = "0", paramLabel = "ROLLOUT-ID", description = "The rollout.")
  String rolloutId;

  @Option(names = "--out", paramLabel = "FILE", description = "Write it there instead of stdout.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try (Database opened = database.open(System.getenv())) {
      JdbcRolloutStore store = new JdbcRolloutStore(opened.dataSource());
      RolloutFindings findings = findings(opened);
      // No source is named here: the diff names the runbook by its path in the runbooks folder.
      dev.shepherd.learning.writeback.ProposalWriter diffs =
          new dev.shepherd.learning.writeback.ProposalWriter(
              store,
              findings,
              dev.shepherd.source.UnifiedDiff::of,
              path -> path,
              java.util.Optional.empty());
      RetrospectiveDrafter retros =
          new RetrospectiveDrafter(
              new RecordReader(store, new JdbcAuditLog(opened.dataSource())),
              new RunbookHistory(store),
              findings,
              id ->
                  java.util.Optional.of(diffs.propose(id))
                      .filter(p -> !p.isEmpty())
                      .map(dev.shepherd.learning.writeback.Proposal::diff));
      String markdown =
          retros
              .draft(rolloutId)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no rollout " + rolloutId + " in this database"));
      if (out == null) {
        spec.commandLine().getOut().print(markdown);
        spec.commandLine().getOut().flush();
      } else {
        Files.writeString(out, markdown);
      }
      return 0;
    } catch (IOException e) {
      err.println("shepherd retro: cannot write " + out + ": " + e.getMessage());
      err.flush();
      return 2;
    } catch (IllegalArgumentException | StoreException e) {
      err.println("shepherd retro: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  /** The rollout's findings, from this database alone. */
  static RolloutFindings findings(Database database) {
    JdbcRolloutStore store = new JdbcRolloutStore(database.dataSource());
    return dev.shepherd.learning.finding.FindingService.fromDatabase(
        store,
        new RecordReader(store, new JdbcAuditLog(database.dataSource())),
        new dev.shepherd.store.JdbcFindingStore(database.dataSource()),
        java.time.Clock.systemUTC());
  }
}
