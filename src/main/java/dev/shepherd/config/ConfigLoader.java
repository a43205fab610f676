package dev.shepherd.config;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code shepherd.yaml} and applies environment overrides. Every problem is a {@link
 * ConfigException} naming the file and line, or the environment variable.
 *
 * <p>Environment overrides: {@code SHEPHERD_RUNBOOKS}, {@code SHEPHERD_RUNBOOKS_PROPOSE}, {@code
 * SHEPHERD_TIMEZONE}, {@code SHEPHERD_REMINDERS} (comma-separated), {@code SHEPHERD_DATA_DIR}.
 */
public final class ConfigLoader {
  public static final String DEFAULT_FILE = "config/shepherd.yaml";
  static final Pattern PARTITION_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
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
          "exclude");
  private static final String SECRET_REF_EXAMPLE =
      "'arn:aws:secretsmanager:[^:]+:\\d+:secret:(?<vault>[^/]+)/'";
  private static final List<String> RUNBOOKS_KEYS = List.of("source", "propose");
  private static final List<String> PARTITION_KEYS =
      List.of(
          "name",
          "vars",
          "protected",
          "approvers",
          "approvals",
          "channels",
          "stall_after",
          "escalate_after",
          "soak",
          "windows",
          "blackouts");

  private final Map<String, String> env;
  private String where;

  public ConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The config file to read: {@code --config}, else {@code SHEPHERD_CONFIG}, else the default. */
  public Path locate(Path explicit) {
    if (explicit != null) {
      return explicit;
    }
    return Path.of(env.getOrDefault("SHEPHERD_CONFIG", DEFAULT_FILE));
  }

  public Config load(Path file) {
    where = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          where
              + ": cannot read the config file ("
              + e.getMessage()
              + "): pass --config FILE or set SHEPHERD_CONFIG",
          e);
    }
    YamlNode root;
    try {
      root = YamlNode.parse(text, 1).orElseThrow(() -> fail(1, "the config file is empty"));
    } catch (YamlException e) {
      throw fail(e.line(), "not valid YAML: " + e.getMessage());
    }
    if (!root.isMapping()) {
      throw fail(root.line(), "expected key: value lines at the top level");
    }
    root.entries()
        .forEach(
            (key, entry) -> {
              if (!TOP_LEVEL.contains(key)) {
                throw fail(
                    entry.key().line(),
                    "unknown key \"" + key + "\": expected one of " + TOP_LEVEL);
              }
            });
    Optional<YamlNode> runbooksNode = root.get("runbooks");
    String runbooks =
        env.getOrDefault(
            "SHEPHERD_RUNBOOKS", runbooksNode.map(this::runbooksSource).orElse("./runbooks"));
    Optional<String> proposeEnv =
        Optional.ofNullable(env.get("SHEPHERD_RUNBOOKS_PROPOSE"))
            .map(String::strip)
            .filter(v -> !v.isEmpty());
    Config.Propose propose =
        proposeEnv
            .map(v -> propose(v, 0, "SHEPHERD_RUNBOOKS_PROPOSE"))
            .orElseGet(
                () ->
                    runbooksNode
                        .filter(YamlNode::isMapping)
                        .flatMap(node -> node.get("propose"))
                        .map(this::propose)
                        .orElse(Config.Propose.DIFF));
    if (propose == Config.Propose.BRANCH && !isGit(runbooks) && proposeEnv.isPresent()) {
      throw new ConfigException(
          "SHEPHERD_RUNBOOKS_PROPOSE=branch pushes to a git source, and the runbooks are"
              + " the folder "
              + runbooks
              + ": set SHEPHERD_RUNBOOKS to a git URL, or"
              + " SHEPHERD_RUNBOOKS_PROPOSE=diff");
    }
    if (propose == Config.Propose.BRANCH && !isGit(runbooks)) {
      throw fail(
          runbooksNode.orElseThrow().get("propose").orElseThrow().line(),
          "runbooks.propose: branch pushes to a git source, and the runbooks are the folder "
              + runbooks
              + ": set runbooks.source to a git URL, or runbooks.propose: diff");
    }
    String timezone =
        env.getOrDefault("SHEPHERD_TIMEZONE", root.get("timezone").map(this::scalar).orElse("UTC"));
    List<Duration> reminders =
        env.containsKey("SHEPHERD_REMINDERS")
            ? reminders(List.of(env.get("SHEPHERD_REMINDERS").split(",")), 0, "SHEPHERD_REMINDERS")
            : root.get("reminders").map(this::reminders).orElse(List.of());
    ZoneId zone = zone(timezone, root);
    FleetReader.Fleet fleet =
        new FleetReader(this, new PartitionsFile(this, file), zone).read(root);
    List<Partition> partitions = fleet.partitions();
    List<String> scoped =
        root.get("scoped").map(node -> scoped(node, partitions)).orElse(List.of());
    List<Pattern> secretRefs = root.get("secret_refs").map(this::secretRefs).orElse(List.of());
    Config.Watch defaults = watch(root, Config.Watch.DEFAULT, "");
    Map<String, Config.Watch> watches = new LinkedHashMap<>();
    fleet.nodes().forEach((name, item) -> watches.put(name, watch(item, defaults, " of " + name)));
    return new Config(
        file,
        resolveRunbooks(runbooks),
        fleet.choreography(),
        zone,
        reminders,
        Path.of(env.getOrDefault("SHEPHERD_DATA_DIR", "./data")),
        scoped,
        secretRefs,
        watches,
        propose);
  }

  /** {@code runbooks: ./runbooks}, or {@code runbooks: {source: ./runbooks, propose: diff}}. */
  private String runbooksSource(YamlNode node) {
    if (!node.isMapping()) {
      return scalar(node);
    }
    node.entries()
        .forEach(
            (key, entry) -> {
              if (!RUNBOOKS_KEYS.contains(key)) {
                throw fail(
                    entry.key().line(),
                    "unknown runbooks key \"" + key + "\": expected one of " + RUNBOOKS_KEYS);
              }
            });
    return node.get("source").map(this::scalar).orElse("./runbooks");
  }

  private Config.Propose propose(YamlNode node) {
    return propose(scalar(node), node.line(), "runbooks.propose");
  }

  /**
   * @param line the value's line, 0 for an environment variable's
   */
  private Config.Propose propose(String value, int line, String name) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "diff" -> Config.Propose.DIFF;
      case "branch" -> Config.Propose.BRANCH;
      default -> {
        String problem =
            name
                + " must be diff (post the diff in the thread) or branch (also"
                + " push a branch to the git source), not \""
                + value
                + "\"";
        throw line > 0 ? fail(line, problem) : new ConfigException(problem);
      }
    };
  }

  private static boolean isGit(String runbooks) {
    return runbooks.contains("://") || runbooks.startsWith("git@");
  }

  /** Variables that must differ per partition; a name no partition defines is a typo. */
  private List<String> scoped(YamlNode node, List<Partition> partitions) {
    Set<String> defined = new TreeSet<>(); // sorted: a partition's vars keep no order
    partitions.forEach(partition -> defined.addAll(partition.vars().keySet()));
    List<String> scoped = new ArrayList<>();
    for (YamlNode item : listItems(node, "scoped", "scoped: [vault, account]")) {
      String name = scalar(item);
      if (!defined.contains(name)) {
        throw fail(
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
  private List<Pattern> secretRefs(YamlNode node) {
    List<Pattern> patterns = new ArrayList<>();
    for (YamlNode item :
        listItems(node, "secret_refs", "secret_refs: [" + SECRET_REF_EXAMPLE + "]")) {
      String regex = scalar(item);
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new ConfigException(
            where
                + ":"
                + item.line()
                + ": secret_refs pattern \""
                + regex
                + "\" is not a regular expression ("
                + e.getDescription()
                + " near index "
                + e.getIndex()
                + "): fix it, and write it in single quotes so YAML keeps each \\",
            e);
      }
      if (!hasVaultGroup(regex)) {
        throw fail(
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

  private List<YamlNode> listItems(YamlNode node, String key, String example) {
    if (!node.isSequence() && !node.isScalar()) {
      throw fail(node.line(), key + " must be a list: " + example);
    }
    return node.items();
  }

  private static String resolveRunbooks(String runbooks) {
    if (runbooks.contains("://") || runbooks.startsWith("git@")) {
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

  Partition partition(YamlNode item) {
    if (!item.isMapping()) {
      throw fail(item.line(), "a partition is a mapping with at least a name: - name: dev");
    }
    item.entries()
        .forEach(
            (key, entry) -> {
              if (!PARTITION_KEYS.contains(key)) {
                throw fail(
                    entry.key().line(),
                    "unknown partition key \"" + key + "\": expected one of " + PARTITION_KEYS);
              }
            });
    String name =
        item.get("name")
            .map(this::scalar)
            .orElseThrow(() -> fail(item.line(), "a partition needs a name"));
    checkName(name, item.line());
    return partitionBody(name, item);
  }

  void checkName(String name, int line) {
    if (name.equals("all")) {
      throw fail(
          line, "a partition cannot be called all: /rollout freeze all means every" + " partition");
    }
    if (!PARTITION_NAME.matcher(name).matches()) {
      throw fail(
          line,
          "partition name \""
              + name
              + "\" must be lower-case letters, digits, - or _ (at most 40)");
    }
  }

  /** A partition's vars and rules from a mapping (a partition's, or partition_defaults). */
  Partition partitionBody(String name, YamlNode item) {
    Map<String, String> vars = new LinkedHashMap<>();
    Map<String, Integer> varLines = new LinkedHashMap<>();
    item.get("vars")
        .ifPresent(
            node -> {
              if (!node.isMapping()) {
                throw fail(
                    node.line(),
                    "vars of " + name + " must be a mapping: vars: {region: us-east-1}");
              }
              node.entries()
                  .forEach(
                      (key, entry) -> {
                        if (!entry.value().isScalar()) {
                          throw fail(
                              entry.value().line(),
                              "variable " + key + " of " + name + " must be text");
                        }
                        if ("partition".equals(key)) {
                          throw fail(
                              entry.key().line(),
                              "partition is always the partition's name: remove it from vars");
                        }
                        vars.put(key, entry.value().scalarText());
                        varLines.put(key, entry.value().line());
                      });
            });
    boolean isProtected = item.get("protected").map(n -> bool(n, name)).orElse(false);
    int approvals = item.get("approvals").map(n -> approvals(n, name)).orElse(1);
    return new Partition(
        name,
        vars,
        isProtected,
        item.get("approvers").map(this::strings).orElse(List.of()),
        approvals,
        item.get("channels").map(this::strings).orElse(List.of()),
        item.line(),
        varLines);
  }

  /** stall_after / escalate_after of a mapping, falling back to the given ones. */
  private Config.Watch watch(YamlNode node, Config.Watch fallback, String where) {
    Duration stall =
        node.get("stall_after")
            .map(n -> duration(n, "stall_after" + where))
            .orElse(fallback.stallAfter());
    Duration escalate =
        node.get("escalate_after")
            .map(n -> duration(n, "escalate_after" + where))
            .orElse(fallback.escalateAfter());
    if (escalate.compareTo(stall) <= 0) {
      throw fail(
          node.get("escalate_after")
              .or(() -> node.get("stall_after"))
              .map(YamlNode::line)
              .orElse(node.line()),
          "escalate_after"
              + where
              + " ("
              + Durations.format(escalate)
              + ") must be later than stall_after ("
              + Durations.format(stall)
              + ")");
    }
    return new Config.Watch(stall, escalate);
  }

  Duration duration(YamlNode node, String what) {
    String text = scalar(node);
    return Durations.parse(text)
        .filter(d -> !d.isZero())
        .orElseThrow(
            () ->
                fail(
                    node.line(),
                    what + " \"" + text + "\" is not a duration: write 15m, 1h, 90s or 1d"));
  }

  private boolean bool(YamlNode node, String partition) {
    String text = scalar(node);
    if (!text.equals("true") && !text.equals("false")) {
      throw fail(node.line(), "protected of " + partition + " must be true or false");
    }
    return Boolean.parseBoolean(text);
  }

  private int approvals(YamlNode node, String partition) {
    try {
      int approvals = Integer.parseInt(scalar(node));
      if (approvals >= 1 && approvals <= 10) {
        return approvals;
      }
    } catch (NumberFormatException e) {
      // reported below with the line
    }
    throw fail(node.line(), "approvals of " + partition + " must be a whole number from 1 to 10");
  }

  private List<Duration> reminders(YamlNode node) {
    return reminders(strings(node), node.line(), null);
  }

  private List<Duration> reminders(List<String> texts, int line, String variable) {
    List<Duration> reminders = new ArrayList<>();
    for (String text : texts) {
      reminders.add(
          Durations.parse(text)
              .orElseThrow(
                  () -> {
                    String message =
                        "reminder \""
                            + text.strip()
                            + "\" is not a duration: write 24h, 1h, 15m, 30s or 2d";
                    return variable != null
                        ? new ConfigException(variable + ": " + message)
                        : fail(line, message);
                  }));
    }
    return reminders;
  }

  private ZoneId zone(String timezone, YamlNode root) {
    try {
      return ZoneId.of(timezone);
    } catch (DateTimeException e) {
      String message =
          "timezone \"" + timezone + "\" is not a time zone: write UTC or Europe/Berlin";
      if (env.containsKey("SHEPHERD_TIMEZONE")) {
        throw new ConfigException("SHEPHERD_TIMEZONE: " + message, e);
      }
      throw fail(root.get("timezone").map(YamlNode::line).orElse(1), message);
    }
  }

  private List<String> strings(YamlNode node) {
    if (node.isNull()) {
      return List.of();
    }
    if (!node.isSequence() && !node.isScalar()) {
      throw fail(node.line(), "expected a list such as [a, b]");
    }
    List<String> strings = new ArrayList<>();
    for (YamlNode item : node.items()) {
      strings.add(scalar(item));
    }
    return strings;
  }

  String scalar(YamlNode node) {
    if (!node.isScalar() || node.isNull()) {
      throw fail(
          node.line(),
          "expected a value, found " + (node.isNull() ? "nothing" : node.scalarText()));
    }
    return node.scalarText().strip();
  }

  ConfigException fail(int line, String message) {
    return new ConfigException(where + ":" + line + ": " + message);
  }
}
