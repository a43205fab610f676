package dev.shepherd.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the environment says over {@code shepherd.yaml}: {@code SHEPHERD_CONFIG}, {@code
 * SHEPHERD_RUNBOOKS}, {@code SHEPHERD_RUNBOOKS_PROPOSE}, {@code SHEPHERD_TIMEZONE}, {@code
 * SHEPHERD_REMINDERS} (comma-separated) and {@code SHEPHERD_DATA_DIR}. A problem is a {@link
 * ConfigException} that starts with the variable's name.
 */
final class EnvironmentReader {
  static final String DEFAULT_FILE = "config/shepherd.yaml";

  private final Map<String, String> env;

  EnvironmentReader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The config file to read: {@code explicit}, else {@code SHEPHERD_CONFIG}, else the default. */
  Path configFile(Path explicit) {
    if (explicit != null) {
      return explicit;
    }
    return Path.of(env.getOrDefault("SHEPHERD_CONFIG", DEFAULT_FILE));
  }

  Optional<String> runbooks() {
    return Optional.ofNullable(env.get("SHEPHERD_RUNBOOKS"));
  }

  /** {@code SHEPHERD_RUNBOOKS_PROPOSE}, when set and not blank. */
  Optional<Config.Propose> propose() {
    return Optional.ofNullable(env.get("SHEPHERD_RUNBOOKS_PROPOSE"))
        .map(String::strip)
        .filter(v -> !v.isEmpty())
        .map(
            v ->
                ConfigLoader.propose(
                    v, "SHEPHERD_RUNBOOKS_PROPOSE", problem -> new ConfigException(problem)));
  }

  /** Refuses {@code SHEPHERD_RUNBOOKS_PROPOSE=branch} when the runbooks are not a git source. */
  void checkBranchNeedsGit(Config.Propose propose, String runbooks) {
    if (propose == Config.Propose.BRANCH && propose().isPresent()) {
      throw new ConfigException(
          "SHEPHERD_RUNBOOKS_PROPOSE=branch pushes to a git source, and the runbooks are"
              + " the folder "
              + runbooks
              + ": set SHEPHERD_RUNBOOKS to a git URL, or"
              + " SHEPHERD_RUNBOOKS_PROPOSE=diff");
    }
  }

  Optional<String> timezone() {
    return Optional.ofNullable(env.get("SHEPHERD_TIMEZONE"));
  }

  /** The problem with {@code SHEPHERD_TIMEZONE}'s zone, when the variable is what named it. */
  Optional<ConfigException> timezoneProblem(String message, Exception cause) {
    return timezone().map(t -> new ConfigException("SHEPHERD_TIMEZONE: " + message, cause));
  }

  Optional<List<Duration>> reminders() {
    return Optional.ofNullable(env.get("SHEPHERD_REMINDERS"))
        .map(
            v ->
                ConfigLoader.reminders(
                    List.of(v.split(",")),
                    problem -> new ConfigException("SHEPHERD_REMINDERS: " + problem)));
  }

  Path dataDir() {
    return Path.of(env.getOrDefault("SHEPHERD_DATA_DIR", "./data"));
  }
}
