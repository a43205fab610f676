package dev.shepherd.cli;

import dev.shepherd.config.Config;
import dev.shepherd.config.ConfigException;
import dev.shepherd.config.ConfigLoader;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.RunbookParser;
import dev.shepherd.runbook.RunbookSource;
import dev.shepherd.source.FilterConfig;
import dev.shepherd.source.GitUrl;
import dev.shepherd.source.RunbookFilter;
import dev.shepherd.source.RunbookSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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

  /** The config and runbooks, loaded; throws with a message saying what to fix. */
  public Loaded load(Map<String, String> environment) throws RunbookSource.SourceException {
    return load(environment, RunbookFilter.DEFAULT);
  }

  /** The same, starting from another filter than "every Markdown file but READMEs". */
  public Loaded load(Map<String, String> environment, RunbookFilter base)
      throws RunbookSource.SourceException {
    Map<String, String> env = new HashMap<>(environment);
    if (runbooks != null) {
      env.put("SHEPHERD_RUNBOOKS", runbooks);
    }
    ConfigLoader loader = new ConfigLoader(env);
    Config loaded = loader.load(loader.locate(config));
    RunbookFilter filter;
    try {
      filter = FilterConfig.read(loaded.file(), base).with(include, exclude);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "--include/--exclude or include:/exclude: in "
              + loaded.displayPath()
              + ": "
              + e.getMessage(),
          e);
    }
    RunbookSource source = RunbookSources.open(loaded.runbooks(), loaded.dataDir(), env, filter);
    Catalog catalog = Catalog.load(source, new RunbookParser());
    String prefix = GitUrl.looksLikeGit(loaded.runbooks()) ? "" : folderPrefix(loaded.runbooks());
    return new Loaded(loaded, source, catalog, prefix);
  }

  private static String folderPrefix(String folder) {
    String normalised = Path.of(folder).normalize().toString().replace('\\', '/');
    return normalised.isEmpty() || normalised.equals(".") ? "" : normalised + "/";
  }

  public record Loaded(Config config, RunbookSource source, Catalog catalog, String pathPrefix) {}
}
