package dev.shepherd.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar shepherd.jar}: the command line. */
@Command(
    name = "shepherd",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Walks operators through runbook-driven rollouts, partition by partition.",
    subcommands = {ServeCommand.class, SandboxCommand.class, LintCommand.class, ShowCommand.class,
        SurveyCommand.class, AuditCommand.class, RetroCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code. */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  /** Runs a command line printing to the given writers, and returns its exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return new CommandLine(new Main()).setOut(out).setErr(err).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
