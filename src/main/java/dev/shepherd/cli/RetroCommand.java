package dev.shepherd.cli;

import dev.shepherd.app.OfflineRecord;
import dev.shepherd.rollout.StoreFailure;
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
  @Mixin DatabaseOption database;

  @Parameters(index = "0", paramLabel = "ROLLOUT-ID", description = "The rollout.")
  String rolloutId;

  @Option(names = "--out", paramLabel = "FILE", description = "Write it there instead of stdout.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try (OfflineRecord opened = database.open(System.getenv())) {
      String markdown =
          opened
              .retrospectives()
              .apply(rolloutId)
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
    } catch (IllegalArgumentException | StoreFailure e) {
      err.println("shepherd retro: " + e.getMessage());
      err.flush();
      return 2;
    }
  }
}
