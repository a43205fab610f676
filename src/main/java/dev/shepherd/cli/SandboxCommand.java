package dev.shepherd.cli;

import dev.shepherd.app.Rehearsal;
import dev.shepherd.config.ConfigException;
import dev.shepherd.rollout.StoreFailure;
import dev.shepherd.runbook.RunbookSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shepherd sandbox}: Shepherd as {@code serve} runs it, with Slack played in a browser page.
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Rehearse a rollout in a browser, no Slack workspace needed.",
      "Starts Shepherd as serve does, plus a stand-in for Slack: open the page it prints."
    })
final class SandboxCommand implements Callable<Integer> {
  @Mixin SourceOptions options;

  @Option(
      names = "--port",
      defaultValue = "3000",
      description = "Port of the page and of /slack/events (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}, this machine only). Another one lets"
              + " other machines reach the sandbox: anyone with its link acts as its people.")
  String host;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Keep the database and the channel here (default: a temporary folder,"
              + " deleted at exit).")
  Path data;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Rehearsal sandbox;
    try {
      sandbox =
          Rehearsal.start(
              host, port, Optional.ofNullable(data), System.getenv(), options::configure);
    } catch (ConfigException | RunbookSource.SourceException | StoreFailure e) {
      spec.commandLine().getErr().println("shepherd sandbox: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      boolean bind = e instanceof BindException || e.getCause() instanceof BindException;
      spec.commandLine()
          .getErr()
          .println(
              "shepherd sandbox: "
                  + (bind
                      ? "cannot listen on port "
                          + port
                          + " ("
                          + e.getMessage()
                          + "): choose another with --port"
                      : e.getMessage()));
      return 2;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("Shepherd sandbox: open " + sandbox.url());
    out.println(
        "A rehearsal: Slack is played by that page, and nothing runs anywhere. Data: "
            + sandbox.data()
            + (sandbox.temporary() ? " (deleted when you stop with Ctrl+C)" : ""));
    sandbox.notices().forEach(out::println);
    out.flush();
    sandbox.join();
    return 0;
  }
}
