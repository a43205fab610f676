package dev.shepherd.cli;

import dev.shepherd.config.Config;
import dev.shepherd.config.ConfigLoader;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.RunbookParser;
import dev.shepherd.runbook.RunbookSource;
import dev.shepherd.source.GitUrl;
import dev.shepherd.source.RunbookSources;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --runbooks}, shared by every command that reads runbooks. */
final class SourceOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "Config file (default: $SHEPHERD_CONFIG or config/shepherd.yaml).")
  Path config;

  @Option(names = "--runbooks", paramLabel = "DIR|URL",
      description = "Runbooks folder or git URL, overriding the config's runbooks:.")
  String runbooks;

  /** The config and runbooks, loaded; throws with a message saying what to fix. */
  Loaded load(Map<String, String> environment) throws RunbookSource.SourceException {
    Map<String, String> env = new HashMap<>(environment);
    if (runbooks != null) {
      env.put("SHEPHERD_RUNBOOKS", runbooks);
    }
    ConfigLoader loader = new ConfigLoader(env);
    Config loaded = loader.load(loader.locate(config));
    RunbookSource source = RunbookSources.open(loaded.runbooks(), loaded.dataDir(), env);
    Catalog catalog = Catalog.load(source, new RunbookParser());
    String prefix = GitUrl.looksLikeGit(loaded.runbooks()) ? "" : folderPrefix(loaded.runbooks());
    return new Loaded(loaded, source, catalog, prefix);
  }

  private static String folderPrefix(String folder) {
    String normalised = Path.of(folder).normalize().toString().replace('\\', '/');
    return normalised.isEmpty() || normalised.equals(".") ? "" : normalised + "/";
  }

  record Loaded(Config config, RunbookSource source, Catalog catalog, String pathPrefix) {}
}
