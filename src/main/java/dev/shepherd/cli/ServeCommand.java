package dev.shepherd.cli;

import dev.shepherd.app.ShepherdApp;
import dev.shepherd.config.ConfigException;
import dev.shepherd.rollout.StoreFailure;
import dev.shepherd.runbook.RunbookSource;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shepherd serve}: Slack over HTTP (or Socket Mode), until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve Slack: /rollout, buttons, threads and summaries.")
final class ServeCommand implements Callable<Integer> {
  @Mixin SourceOptions options;

  @Option(names = "--port", description = "Port to listen on (default: $PORT or 3000).")
  Integer port;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ShepherdApp.Builder builder =
        options.configure(ShepherdApp.builder().environment(System.getenv()));
    if (port != null) {
      builder.port(port);
    }
    ShepherdApp shepherd;
    try {
      shepherd = builder.start();
    } catch (ConfigException | RunbookSource.SourceException | StoreFailure e) {
      spec.commandLine().getErr().println("shepherd serve: " + e.getMessage());
      return 2;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(shepherd::close, "shepherd-shutdown"));
    spec.commandLine()
        .getOut()
        .println(
            "Shepherd is listening on port "
                + shepherd.port()
                + " (POST /slack/events, GET /healthz, GET /readyz)");
    spec.commandLine().getOut().flush();
    shepherd.join();
    return 0;
  }
}
