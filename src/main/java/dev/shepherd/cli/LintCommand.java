package dev.shepherd.cli;

import dev.shepherd.config.ConfigException;
import dev.shepherd.lint.Finding;
import dev.shepherd.lint.LintInput;
import dev.shepherd.lint.Linter;
import dev.shepherd.runbook.RunbookSource;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shepherd lint}: exit 0 when clean (warnings allowed), 1 on errors, 2 on bad usage. */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = "Check every runbook for every partition before anyone rolls out.")
final class LintCommand implements Callable<Integer> {
  @Mixin SourceOptions options;

  @Option(names = "--strict", description = "Missing Rollback or Troubleshooting is an error.")
  boolean strict;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SourceOptions.Loaded loaded;
    try {
      loaded = options.load(System.getenv());
    } catch (ConfigException | RunbookSource.SourceException e) {
      err.println("shepherd lint: " + e.getMessage());
      return 2;
    }
    List<Finding> findings = new Linter().lint(
        new LintInput(loaded.config(), loaded.catalog(), strict, loaded.pathPrefix()));
    findings.forEach(out::println);
    long errors = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
    long warnings = findings.size() - errors;
    int runbooks = loaded.catalog().runbooks().size() + loaded.catalog().unreadable().size();
    out.println(plural(errors, "error") + ", " + plural(warnings, "warning") + " in "
        + plural(runbooks, "runbook") + " for " + plural(loaded.config().choreography().partitions().size(), "partition"));
    out.flush();
    return errors > 0 ? 1 : 0;
  }

  static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
