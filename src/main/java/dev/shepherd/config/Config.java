package dev.shepherd.config;

import dev.shepherd.partition.Choreography;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Everything Shepherd is configured with, read once at start from {@code shepherd.yaml} and the
 * environment, and validated there. Holds no secrets: tokens are read by the adapters that use
 * them.
 *
 * @param file the config file it was read from (errors and lint findings name it)
 * @param runbooks a runbooks folder (resolved against the config's folder) or a git URL
 * @param choreography the partitions in rollout order
 * @param timezone how times are shown and read
 * @param reminders offsets before a scheduled rollout
 * @param dataDir where the embedded database and git clones live
 */
public record Config(
    Path file,
    String runbooks,
    Choreography choreography,
    ZoneId timezone,
    List<Duration> reminders,
    Path dataDir) {

  public Config {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(runbooks, "runbooks");
    Objects.requireNonNull(choreography, "choreography");
    Objects.requireNonNull(timezone, "timezone");
    reminders = List.copyOf(reminders);
    Objects.requireNonNull(dataDir, "dataDir");
  }

  /** The config file's path as people should read it in messages. */
  public String displayPath() {
    Path cwd = Path.of("").toAbsolutePath();
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
  }
}
