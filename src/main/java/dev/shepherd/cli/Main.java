package dev.shepherd.cli;

import dev.shepherd.app.Learning;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar shepherd.jar}: the command line. */
@Command(
    name = "shepherd",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Walks operators through runbook-driven rollouts, partition by partition.",
    subcommands = {
      ServeCommand.class,
      SandboxCommand.class,
      LintCommand.class,
      ShowCommand.class,
      SurveyCommand.class,
      AuditCommand.class,
      ProposeCommand.class,
      RetroCommand.class,
      CommandLine.HelpCommand.class
    })
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

  /**
   * Runs a command line in an environment of its own, with findings and retrospectives read through
   * {@code learning}: how tests (and wiring that has them) run {@code propose}.
   */
  public static int run(
      PrintWriter out,
      PrintWriter err,
      Map<String, String> env,
      Optional<Learning> learning,
      String... args) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            if (type == ProposeCommand.class) {
              return type.cast(new ProposeCommand(learning, env));
            }
            if (type == AuditVerifyCommand.class) {
              return type.cast(new AuditVerifyCommand(env));
            }
            if (type == LintCommand.class) {
              return type.cast(new LintCommand(env));
            }
            if (type == AuditEvidenceCommand.class) {
              return type.cast(new AuditEvidenceCommand(env));
            }
            return defaults.create(type);
          }
        };
    return new CommandLine(new Main(), factory).setOut(out).setErr(err).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
