package dev.shepherd.app;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The config and the runbooks it names, loaded once: what every command that reads runbooks starts
 * from, {@code serve} included.
 *
 * @param pathPrefix what a runbook's path is prefixed with to name it as lint does (a folder's
 *     path; empty for a git source)
 */
public record Sources(Config config, RunbookSource source, Catalog catalog, String pathPrefix) {

  public Sources {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(pathPrefix, "pathPrefix");
  }

  /** Which Markdown files count: every one but READMEs, or every one (for {@code survey}). */
  public enum Scope {
    RUNBOOKS(RunbookFilter.DEFAULT),
    EVERY_MARKDOWN_FILE(RunbookFilter.EVERY_MARKDOWN_FILE);

    private final RunbookFilter filter;

    Scope(RunbookFilter filter) {
      this.filter = filter;
    }
  }

  /**
   * Reads the config ({@code configFile}, else {@code $SHEPHERD_CONFIG}, else {@code
   * config/shepherd.yaml}) and loads its runbooks ({@code runbooks} overriding the config's),
   * filtered by the config's include/exclude and these; throws with a message saying what to fix.
   */
  public static Sources load(
      Path configFile,
      String runbooks,
      List<String> include,
      List<String> exclude,
      Map<String, String> environment,
      Scope scope)
      throws RunbookSource.SourceException {
    RunbookFilter base = scope.filter;
    Map<String, String> env = new HashMap<>(environment);
    if (runbooks != null) {
      env.put("SHEPHERD_RUNBOOKS", runbooks);
    }
    ConfigLoader loader = new ConfigLoader(env);
    Config loaded = loader.load(loader.locate(configFile));
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
    return new Sources(loaded, source, catalog, prefix);
  }

  private static String folderPrefix(String folder) {
    String normalised = Path.of(folder).normalize().toString().replace('\\', '/');
    return normalised.isEmpty() || normalised.equals(".") ? "" : normalised + "/";
  }
}
