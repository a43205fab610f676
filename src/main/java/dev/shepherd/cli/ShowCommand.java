package dev.shepherd.cli;

import dev.shepherd.app.Sources;
import dev.shepherd.config.ConfigException;
import dev.shepherd.lint.PartitionSafety;
import dev.shepherd.lint.Problem;
import dev.shepherd.partition.Partition;
import dev.shepherd.runbook.Renderer;
import dev.shepherd.runbook.Rendition;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookSource;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shepherd show}: the runbook as Shepherd will walk it on one partition. Exit 1 when it has
 * no steps (with what shape was expected and the nearest thing found), 2 on bad usage.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Print a runbook as it will be walked on a partition.")
final class ShowCommand implements Callable<Integer> {
  @Mixin SourceOptions options;

  @Parameters(index = "0", paramLabel = "RUNBOOK", description = "Runbook id or path.")
  String runbook;

  @Option(names = "--partition", required = true, paramLabel = "NAME", description = "Partition.")
  String partition;

  @Option(names = "--json", description = "One JSON document, for scripts and CI.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Sources loaded;
    try {
      loaded = options.load(System.getenv());
    } catch (ConfigException | RunbookSource.SourceException e) {
      err.println("shepherd show: " + e.getMessage());
      return 2;
    }
    Optional<Runbook> found = loaded.catalog().find(runbook);
    if (found.isEmpty()) {
      err.println(
          "shepherd show: no runbook \""
              + runbook
              + "\" in "
              + loaded.source().describe()
              + " (ids: "
              + String.join(", ", loaded.catalog().runbooks().stream().map(Runbook::id).toList())
              + ")");
      return 2;
    }
    Optional<Partition> target = loaded.config().choreography().find(partition);
    if (target.isEmpty()) {
      err.println(
          "shepherd show: no partition \""
              + partition
              + "\" in "
              + loaded.config().displayPath()
              + " (partitions: "
              + String.join(", ", loaded.config().choreography().names())
              + ")");
      return 2;
    }
    if (!found.get().appliesTo(partition)) {
      err.println(
          "shepherd show: runbook "
              + found.get().id()
              + " does not apply to "
              + partition
              + " (its partitions: "
              + String.join(", ", found.get().partitions())
              + ")");
      return 2;
    }
    Rendition rendition = Renderer.render(found.get(), target.get());
    List<Problem> findings =
        PartitionSafety.check(loaded.config(), found.get(), partition).stream()
            .map(
                f ->
                    f.path().equals(found.get().path())
                        ? new Problem(
                            loaded.pathPrefix() + f.path(), f.line(), f.severity(), f.message())
                        : f)
            .toList();
    RunbookPrinter view =
        new RunbookPrinter(
            rendition, findings, loaded.config().choreography().names(), loaded.pathPrefix());
    out.print(json ? view.json() : view.text());
    out.flush();
    if (found.get().steps().isEmpty()) {
      // Printed all the same: the introduction and sections show what Shepherd did read.
      err.println(
          "shepherd show: "
              + loaded.pathPrefix()
              + found.get().path()
              + ": no steps."
              + " Shepherd takes the steps where the actions are: numbered or action headings,"
              + " the items of a list of instructions, **Step N:** paragraphs, instructions each"
              + " with their code; put <!-- shepherd: steps --> before the procedure if it is"
              + " elsewhere; nearest thing found: "
              + found.get().reading().nearest());
      err.flush();
      return 1;
    }
    return 0;
  }
}
