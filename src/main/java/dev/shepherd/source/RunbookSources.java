package dev.shepherd.source;

import dev.shepherd.config.ConfigException;
import dev.shepherd.runbook.RunbookSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The one entry point of this adapter: turns the config's {@code runbooks:} value into a source. A
 * git token comes from {@code SHEPHERD_GIT_TOKEN} (user {@code SHEPHERD_GIT_USERNAME}, default
 * {@code x-access-token}), never from the config file.
 */
public final class RunbookSources {
  private RunbookSources() {}

  private static long fetchSeconds(String text) {
    try {
      long seconds = Long.parseLong(text.strip());
      if (seconds >= 0 && seconds <= 86_400) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // reported below, naming the variable
    }
    throw new ConfigException(
        "SHEPHERD_GIT_FETCH_SECONDS must be a whole"
            + " number of seconds from 0 (every load) to 86400, not \""
            + text
            + "\"");
  }

  public static RunbookSource open(String spec, Path dataDir, Map<String, String> env) {
    return open(spec, dataDir, env, RunbookFilter.DEFAULT);
  }

  /** A source reading only the Markdown files the filter accepts. */
  public static RunbookSource open(
      String spec, Path dataDir, Map<String, String> env, RunbookFilter filter) {
    if (!GitUrl.looksLikeGit(spec)) {
      return new FolderSource(Path.of(spec), filter);
    }
    GitUrl url = GitUrl.parse(spec);
    String key =
        FolderSource.sha256(url.remote().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    var credentials =
        Optional.ofNullable(env.get("SHEPHERD_GIT_TOKEN"))
            .filter(token -> !token.isBlank())
            .map(
                token ->
                    new UsernamePasswordCredentialsProvider(
                        env.getOrDefault("SHEPHERD_GIT_USERNAME", "x-access-token"), token));
    Duration interval =
        Duration.ofSeconds(fetchSeconds(env.getOrDefault("SHEPHERD_GIT_FETCH_SECONDS", "300")));
    GitLimits limits =
        new GitLimits(
            positive(env, "SHEPHERD_GIT_MAX_FILE_BYTES", GitLimits.DEFAULT.maxFileBytes()),
            (int)
                Math.min(
                    Integer.MAX_VALUE,
                    positive(env, "SHEPHERD_GIT_MAX_FILES", GitLimits.DEFAULT.maxFiles())),
            positive(env, "SHEPHERD_GIT_MAX_TOTAL_BYTES", GitLimits.DEFAULT.maxTotalBytes()));
    // Clones live in a folder of their own under the data folder, apart from the database file.
    return new GitSource(
        url,
        dataDir.resolve("git").resolve(key),
        interval,
        Clock.systemUTC(),
        credentials.map(c -> c),
        filter,
        limits);
  }

  private static long positive(Map<String, String> env, String name, long fallback) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text.strip());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below, naming the variable
    }
    throw new ConfigException(name + " must be a whole number above 0, not \"" + text + "\"");
  }
}
