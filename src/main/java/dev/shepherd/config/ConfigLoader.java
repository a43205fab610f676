package dev.shepherd.config;

import dev.shepherd.format.Durations;
import dev.shepherd.partition.Partition;
import dev.shepherd.yaml.YamlException;
import dev.shepherd.yaml.YamlNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code shepherd.yaml} into a {@link Config}, with the environment's overrides on top. Every
 * problem is a {@link ConfigException} naming the file and line, or the environment variable.
 */
public final class ConfigLoader {
  public static final String DEFAULT_FILE = EnvironmentReader.DEFAULT_FILE;
  // Lists, not Set.of: messages print them, and Set.of iterates in a different order each run.
  private static final List<String> TOP_LEVEL =
      List.of(
          "runbooks",
          "partitions",
          "timezone",
          "reminders",
          "scoped",
          "secret_refs",
          "stall_after",
          "escalate_after",
          "waves",
          "partition_defaults",
          "soak",
          "windows",
          "blackouts",
          "include",
          "exclude",
          "freeze_all_approvers",
          "schedule_horizon");
  private static final String SECRET_REF_EXAMPLE =
      "'arn:aws:secretsmanager:[^:]+:\\d+:secret:(?<vault>[^/]+)/'";
  private static final List<String> RUNBOOKS_KEYS = List.of("source", "propose");

  private final EnvironmentReader env;

  public ConfigLoader(Map<String, String> env) {
    this.env = new EnvironmentReader(env);
  }

  /** The config file to read: {@code --config}, else {@code SHEPHERD_CONFIG}, else the default. */
  public Path locate(Path explicit) {
    return env.configFile(explicit);
  }

  public Config load(Path file) {
    FieldReader fields = new FieldReader(file.toString());
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          file
              + ": cannot read the config file ("
              + e.getMessage()
              + "): pass --config FILE or set SHEPHERD_CONFIG",
          e);
    }
    YamlNode root;
    try {
      root = YamlNode.parse(text, 1).orElseThrow(() -> fields.fail(1, "the config file is empty"));
    } catch (YamlException e) {
      throw fields.fail(e.line(), "not valid YAML: " + e.getMessage());
    }
    if (!root.isMapping()) {
      throw fields.fail(root.line(), "expected key: value lines at the top level");
    }
    fields.onlyKeys(root, "key", TOP_LEVEL);
    Optional<YamlNode> runbooksNode = root.get("runbooks");
    // The file's value is read (and checked) even when the environment overrides it.
    String fileRunbooks = runbooksNode.map(n -> runbooksSource(fields, n)).orElse("./runbooks");
    String runbooks = env.runbooks().orElse(fileRunbooks);
    Config.Propose propose =
        env.propose()
            .orElseGet(
                () ->
                    runbooksNode
                        .filter(YamlNode::isMapping)
                        .flatMap(node -> node.get("propose"))
                        .map(node -> propose(fields, node))
                        .orElse(Config.Propose.DIFF));
    if (propose == Config.Propose.BRANCH && !isGit(runbooks)) {
      env.checkBranchNeedsGit(propose, runbooks);
      throw fields.fail(
          runbooksNode.orElseThrow().get("propose").orElseThrow().line(),
          "runbooks.propose: branch pushes to a git source, and the runbooks are the folder "
              + runbooks
              + ": set runbooks.source to a git URL, or runbooks.propose: diff");
    }
    String fileTimezone = root.get("timezone").map(fields::scalar).orElse("UTC");
    String timezone = env.timezone().orElse(fileTimezone);
    List<Duration> reminders =
        env.reminders()
            .orElseGet(
                () ->
                    root.get("reminders")
                        .map(
                            node ->
                                reminders(
                                    fields.strings(node),
                                    problem -> fields.fail(node.line(), problem)))
                        .orElse(List.of()));
    ZoneId zone = zone(fields, timezone, root);
    PartitionReader partitionReader = new PartitionReader(fields);
    FleetReader.Fleet fleet =
        new FleetReader(
                fields, partitionReader, new PartitionsFile(fields, partitionReader, file), zone)
            .read(root);
    List<Partition> partitions = fleet.partitions();
    List<String> scoped =
        root.get("scoped").map(node -> scoped(fields, node, partitions)).orElse(List.of());
    List<Pattern> secretRefs =
        root.get("secret_refs").map(node -> secretRefs(fields, node)).orElse(List.of());
    Config.Watch defaults = watch(fields, root, Config.Watch.DEFAULT, "");
    Map<String, Config.Watch> watches = new LinkedHashMap<>();
    fleet
        .nodes()
        .forEach((name, item) -> watches.put(name, watch(fields, item, defaults, " of " + name)));
    return new Config(
        file,
        resolveRunbooks(runbooks),
        fleet.choreography(),
        zone,
        reminders,
        env.dataDir(),
        scoped,
        secretRefs,
        watches,
        propose,
        new Config.Rights(
            root.get("freeze_all_approvers").map(fields::strings).orElse(List.of()),
            root.get("schedule_horizon")
                .map(node -> fields.duration(node, "schedule_horizon"))
                .orElse(Config.Rights.DEFAULT_HORIZON)));
  }

  /** diff or branch, any case; anything else is {@code failure}'s problem, named {@code name}. */
  static Config.Propose propose(
      String value, String name, Function<String, ConfigException> failure) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "diff" -> Config.Propose.DIFF;
      case "branch" -> Config.Propose.BRANCH;
      default ->
          throw failure.apply(
              name
                  + " must be diff (post the diff in the thread) or branch (also"
                  + " push a branch to the git source), not \""
                  + value
                  + "\"");
    };
  }

  /** Reminder durations; one that is not a duration is {@code failure}'s problem. */
  static List<Duration> reminders(List<String> texts, Function<String, ConfigException> failure) {
    List<Duration> reminders = new ArrayList<>();
    for (String text : texts) {
      reminders.add(
          Durations.parse(text)
              .orElseThrow(
                  () ->
                      failure.apply(
                          "reminder \""
                              + text.strip()
                              + "\" is not a duration: write 24h, 1h, 15m, 30s or 2d")));
    }
    return reminders;
  }

  /** {@code runbooks: ./runbooks}, or {@code runbooks: {source: ./runbooks, propose: diff}}. */
  private static String runbooksSource(FieldReader fields, YamlNode node) {
    if (!node.isMapping()) {
      return fields.scalar(node);
    }
    fields.onlyKeys(node, "runbooks key", RUNBOOKS_KEYS);
    return node.get("source").map(fields::scalar).orElse("./runbooks");
  }

  private static Config.Propose propose(FieldReader fields, YamlNode node) {
    return propose(
        fields.scalar(node), "runbooks.propose", problem -> fields.fail(node.line(), problem));
  }

  private static boolean isGit(String runbooks) {
    return runbooks.contains("://") || runbooks.startsWith("git@");
  }

  /** Variables that must differ per partition; a name no partition defines is a typo. */
  private static List<String> scoped(
      FieldReader fields, YamlNode node, List<Partition> partitions) {
    Set<String> defined = new TreeSet<>(); // sorted: a partition's vars keep no order
    partitions.forEach(partition -> defined.addAll(partition.vars().keySet()));
    List<String> scoped = new ArrayList<>();
    for (YamlNode item : fields.listOrValue(node, "scoped", "scoped: [vault, account]")) {
      String name = fields.scalar(item);
      if (!defined.contains(name)) {
        throw fields.fail(
            item.line(),
            "scoped variable \""
                + name
                + "\" is in no partition's vars"
                + " (they have "
                + (defined.isEmpty() ? "none" : String.join(", ", defined))
                + "): fix the name or add it to the vars of every partition");
      }
      if (!scoped.contains(name)) {
        scoped.add(name);
      }
    }
    return scoped;
  }

  /** Secret reference patterns: each must compile and name the vault part {@code (?<vault>…)}. */
  private static List<Pattern> secretRefs(FieldReader fields, YamlNode node) {
    List<Pattern> patterns = new ArrayList<>();
    for (YamlNode item :
        fields.listOrValue(node, "secret_refs", "secret_refs: [" + SECRET_REF_EXAMPLE + "]")) {
      String regex = fields.scalar(item);
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw fields.fail(
            item.line(),
            "secret_refs pattern \""
                + regex
                + "\" is not a regular expression ("
                + e.getDescription()
                + " near index "
                + e.getIndex()
                + "): fix it, and write it in single quotes so YAML keeps each \\",
            e);
      }
      if (!hasVaultGroup(regex)) {
        throw fields.fail(
            item.line(),
            "secret_refs pattern \""
                + regex
                + "\" has no group named vault:"
                + " mark the part that names the vault with (?<vault>…), as in "
                + SECRET_REF_EXAMPLE);
      }
      patterns.add(pattern);
    }
    return patterns;
  }

  /**
   * Java 17 cannot list a pattern's named groups, so ask a match: the extra empty alternative
   * always matches, and asking it for an unknown group throws. The newline ends a trailing {@code
   * (?x)} comment and is never needed to match.
   */
  private static boolean hasVaultGroup(String regex) {
    Matcher probe = Pattern.compile(regex + "\n|").matcher("");
    if (!probe.find()) {
      return false;
    }
    try {
      probe.group("vault");
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String resolveRunbooks(String runbooks) {
    if (isGit(runbooks)) {
      return runbooks;
    }
    Path path = Path.of(runbooks);
    if (path.isAbsolute()) {
      return path.toString();
    }
    // Relative to the working directory, like every other path on the command line: the
    // shipped config/shepherd.yaml names ./runbooks meaning the project's folder, not config/.
    return path.normalize().toString().isEmpty() ? "." : path.normalize().toString();
  }

  /** stall_after / escalate_after of a mapping, falling back to the given ones. */
  private static Config.Watch watch(
      FieldReader fields, YamlNode node, Config.Watch fallback, String where) {
    Duration stall =
        node.get("stall_after")
            .map(n -> fields.duration(n, "stall_after" + where))
            .orElse(fallback.stallAfter());
    Duration escalate =
        node.get("escalate_after")
            .map(n -> fields.duration(n, "escalate_after" + where))
            .orElse(fallback.escalateAfter());
    if (escalate.compareTo(stall) <= 0) {
      throw fields.fail(
          node.get("escalate_after")
              .or(() -> node.get("stall_after"))
              .map(YamlNode::line)
              .orElse(node.line()),
          "escalate_after"
              + where
              + " ("
              + Durations.formatAsWritten(escalate)
              + ") must be later than stall_after ("
              + Durations.formatAsWritten(stall)
              + ")");
    }
    return new Config.Watch(stall, escalate);
  }

  private ZoneId zone(FieldReader fields, String timezone, YamlNode root) {
    try {
      return ZoneId.of(timezone);
    } catch (DateTimeException e) {
      String message =
          "timezone \"" + timezone + "\" is not a time zone: write UTC or Europe/Berlin";
      throw env.timezoneProblem(message, e)
          .orElseGet(
              () -> fields.fail(root.get("timezone").map(YamlNode::line).orElse(1), message));
    }
  }
}
