package dev.shepherd.cli;

import dev.shepherd.app.ShepherdApp;
import dev.shepherd.app.Sources;
import dev.shepherd.runbook.RunbookSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --runbooks}, shared by every command that reads runbooks. */
public final class SourceOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Config file (default: $SHEPHERD_CONFIG or config/shepherd.yaml).")
  public Path config;

  @Option(
      names = "--runbooks",
      paramLabel = "DIR|URL",
      description =
          "Runbooks folder or git URL (URL#branch:folder), overriding the config's runbooks:.")
  public String runbooks;

  @Option(
      names = "--include",
      paramLabel = "GLOB",
      description =
          "Only Markdown files matching this glob are runbooks (repeatable; adds to the config's include:).")
  List<String> include = new ArrayList<>();

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description =
          "Markdown files matching this glob are not runbooks (repeatable; adds to the config's exclude:).")
  List<String> exclude = new ArrayList<>();

  /** These options given to Shepherd as it starts. */
  public ShepherdApp.Builder configure(ShepherdApp.Builder builder) {
    return builder.config(config).runbooks(runbooks).filter(include, exclude);
  }

  /** The config and runbooks, loaded; throws with a message saying what to fix. */
  public Sources load(Map<String, String> environment) throws RunbookSource.SourceException {
    return load(environment, Sources.Scope.RUNBOOKS);
  }

  /** The same, starting from another filter than "every Markdown file but READMEs". */
  public Sources load(Map<String, String> environment, Sources.Scope scope)
      throws RunbookSource.SourceException {
    return Sources.load(config, runbooks, include, exclude, environment, scope);
  }
}
