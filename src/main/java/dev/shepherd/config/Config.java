package dev.shepherd.config;

import dev.shepherd.partition.Choreography;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

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
 * @param scoped variables whose value must differ on every partition ({@code vault}, {@code
 *     account}): each partition's own credentials live there
 * @param secretRefs secret reference patterns besides {@code op://}, each with a named group {@code
 *     vault}
 * @param watches how long a posted step may wait before a nudge and an escalation, per partition
 *     (partitions without their own use {@link Watch#DEFAULT} or the top-level values)
 * @param propose what Propose runbook changes makes: a diff, or also a branch on the git source
 * @param rights who may pull the fleet-wide switch, and how far ahead a rollout may be scheduled
 */
public record Config(
    Path file,
    String runbooks,
    Choreography choreography,
    ZoneId timezone,
    List<Duration> reminders,
    Path dataDir,
    List<String> scoped,
    List<Pattern> secretRefs,
    Map<String, Watch> watches,
    Propose propose,
    Rights rights) {

  /**
   * The rights the config gives beyond each partition's own.
   *
   * @param freezeAllApprovers who may {@code /rollout freeze all} and {@code unfreeze all} ({@code
   *     freeze_all_approvers:}); empty means the approvers of the protected partitions
   * @param scheduleHorizon how far ahead a rollout may be scheduled ({@code schedule_horizon:})
   */
  public record Rights(List<String> freezeAllApprovers, Duration scheduleHorizon) {
    public static final Duration DEFAULT_HORIZON = Duration.ofDays(14);
    public static final Rights DEFAULT = new Rights(List.of(), DEFAULT_HORIZON);

    public Rights {
      freezeAllApprovers = List.copyOf(freezeAllApprovers);
      Objects.requireNonNull(scheduleHorizon, "scheduleHorizon");
    }
  }

  /** {@code runbooks.propose}: a diff in the thread, or also a branch pushed to the git source. */
  public enum Propose {
    DIFF,
    BRANCH
  }

  /** When a step nobody acts on gets a nudge in its thread, and then one message in the channel. */
  public record Watch(Duration stallAfter, Duration escalateAfter) {
    public static final Watch DEFAULT = new Watch(Duration.ofMinutes(15), Duration.ofMinutes(60));
  }

  public Config {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(runbooks, "runbooks");
    Objects.requireNonNull(choreography, "choreography");
    Objects.requireNonNull(timezone, "timezone");
    reminders = List.copyOf(reminders);
    Objects.requireNonNull(dataDir, "dataDir");
    scoped = List.copyOf(scoped);
    secretRefs = List.copyOf(secretRefs);
    watches = Map.copyOf(watches);
    Objects.requireNonNull(propose, "propose");
    Objects.requireNonNull(rights, "rights");
  }

  public Config(
      Path file,
      String runbooks,
      Choreography choreography,
      ZoneId timezone,
      List<Duration> reminders,
      Path dataDir,
      List<String> scoped,
      List<Pattern> secretRefs,
      Map<String, Watch> watches,
      Propose propose) {
    this(
        file,
        runbooks,
        choreography,
        timezone,
        reminders,
        dataDir,
        scoped,
        secretRefs,
        watches,
        propose,
        Rights.DEFAULT);
  }

  public Config(
      Path file,
      String runbooks,
      Choreography choreography,
      ZoneId timezone,
      List<Duration> reminders,
      Path dataDir,
      List<String> scoped,
      List<Pattern> secretRefs,
      Map<String, Watch> watches) {
    this(
        file,
        runbooks,
        choreography,
        timezone,
        reminders,
        dataDir,
        scoped,
        secretRefs,
        watches,
        Propose.DIFF);
  }

  public Config(
      Path file,
      String runbooks,
      Choreography choreography,
      ZoneId timezone,
      List<Duration> reminders,
      Path dataDir,
      List<String> scoped,
      List<Pattern> secretRefs) {
    this(file, runbooks, choreography, timezone, reminders, dataDir, scoped, secretRefs, Map.of());
  }

  /** The stall and escalation times of a partition. */
  public Watch watch(String partition) {
    return watches.getOrDefault(partition, Watch.DEFAULT);
  }

  /** A config with no scoped variables and only the built-in secret references. */
  public Config(
      Path file,
      String runbooks,
      Choreography choreography,
      ZoneId timezone,
      List<Duration> reminders,
      Path dataDir) {
    this(file, runbooks, choreography, timezone, reminders, dataDir, List.of(), List.of());
  }

  /** The config file's path as people should read it in messages. */
  public String displayPath() {
    Path cwd = Path.of("").toAbsolutePath();
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
  }
}
