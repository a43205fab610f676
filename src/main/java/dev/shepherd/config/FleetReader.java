package dev.shepherd.config;

import dev.shepherd.partition.Blackout;
import dev.shepherd.partition.Choreography;
import dev.shepherd.partition.DeployWindow;
import dev.shepherd.partition.Gates;
import dev.shepherd.partition.Partition;
import dev.shepherd.partition.Wave;
import dev.shepherd.yaml.YamlNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the choreography: a plain {@code partitions:} list (one partition a wave) or {@code
 * waves:}, each with its partitions written inline, by name, or in a CSV file, all on top of {@code
 * partition_defaults:}; and the fleet's, waves' and partitions' soak, windows and blackouts.
 */
final class FleetReader {
  static final List<String> WAVE_KEYS =
      List.of(
          "name",
          "partitions",
          "partitions_file",
          "parallel",
          "canary",
          "soak",
          "windows",
          "blackouts");
  static final List<String> DEFAULT_KEYS =
      List.of(
          "vars",
          "protected",
          "approvers",
          "approvals",
          "channels",
          "operators",
          "runbook_approvers");

  private final FieldReader fields;
  private final PartitionReader partitionReader;
  private final PartitionsFile files;
  private final ZoneId timezone;

  /** What the reader found: the partitions, their choreography and each one's own YAML. */
  record Fleet(
      List<Partition> partitions, Choreography choreography, Map<String, YamlNode> nodes) {}

  FleetReader(
      FieldReader fields, PartitionReader partitionReader, PartitionsFile files, ZoneId timezone) {
    this.fields = fields;
    this.partitionReader = partitionReader;
    this.files = files;
    this.timezone = timezone;
  }

  Fleet read(YamlNode root) {
    Partition defaults =
        root.get("partition_defaults")
            .map(this::defaults)
            .orElse(new Partition("defaults", Map.of(), false, List.of(), 1, List.of(), 0));
    Gates fleet = gates(root, "the fleet");
    if (root.get("waves").isPresent() && root.get("partitions").isPresent()) {
      throw fields.fail(
          root.entries().get("waves").key().line(),
          "write the partitions either under"
              + " partitions: (one a wave) or under waves:, not both");
    }
    List<Partition> partitions = new ArrayList<>();
    Map<String, YamlNode> nodes = new LinkedHashMap<>();
    Map<String, Gates> own = new LinkedHashMap<>();
    List<Wave> waves = new ArrayList<>();
    YamlNode list =
        root.get("waves")
            .or(() -> root.get("partitions"))
            .orElseThrow(
                () ->
                    fields.fail(
                        root.line(),
                        "no partitions: list them in rollout order under partitions:"
                            + " (or group them under waves:)"));
    boolean declared = root.get("waves").isPresent();
    if (!list.isSequence() || list.items().isEmpty()) {
      throw fields.fail(
          list.line(),
          declared
              ? "waves must be a list of waves in rollout order"
              : "partitions must be a list of partitions in rollout order");
    }
    Set<String> waveNames = new HashSet<>();
    for (YamlNode item : list.items()) {
      if (!declared) {
        Partition partition = partition(item, defaults, own, nodes);
        partitions.add(partition);
        waves.add(Wave.single(partition.name()));
        continue;
      }
      Wave wave = wave(item, defaults, partitions, own, nodes);
      if (!waveNames.add(wave.name())) {
        throw fields.fail(item.line(), "wave " + wave.name() + " is listed twice");
      }
      waves.add(wave);
    }
    Set<String> seen = new HashSet<>();
    for (Partition partition : partitions) {
      if (!seen.add(partition.name())) {
        throw fields.fail(partition.line(), "partition " + partition.name() + " is listed twice");
      }
    }
    return new Fleet(partitions, new Choreography(partitions, waves, declared, fleet, own), nodes);
  }

  private Wave wave(
      YamlNode item,
      Partition defaults,
      List<Partition> partitions,
      Map<String, Gates> own,
      Map<String, YamlNode> nodes) {
    if (!item.isMapping()) {
      throw fields.fail(item.line(), "a wave is a mapping: - {name: canary, partitions: [dev]}");
    }
    fields.onlyKeys(item, "wave key", WAVE_KEYS);
    String name =
        item.get("name")
            .map(fields::scalar)
            .orElseThrow(() -> fields.fail(item.line(), "a wave needs a name"));
    List<String> names = new ArrayList<>();
    item.get("partitions")
        .ifPresent(
            node -> {
              if (!node.isSequence()) {
                throw fields.fail(node.line(), "partitions of wave " + name + " must be a list");
              }
              for (YamlNode entry : node.items()) {
                Partition partition = partition(entry, defaults, own, nodes);
                partitions.add(partition);
                names.add(partition.name());
              }
            });
    item.get("partitions_file")
        .ifPresent(
            node -> {
              for (Partition partition : files.read(fields.scalar(node), node.line(), defaults)) {
                partitions.add(partition);
                names.add(partition.name());
              }
            });
    if (names.isEmpty()) {
      throw fields.fail(
          item.line(),
          "wave "
              + name
              + " has no partitions: list them under"
              + " partitions: or name a CSV file with partitions_file:");
    }
    int parallel = item.get("parallel").map(n -> count(n, "parallel of wave " + name, 0)).orElse(0);
    int canary = item.get("canary").map(n -> count(n, "canary of wave " + name, 0)).orElse(0);
    if (canary > 0 && canary >= names.size()) {
      throw fields.fail(
          item.get("canary").get().line(),
          "canary of wave "
              + name
              + " is "
              + canary
              + " but the wave has "
              + names.size()
              + " partitions: the canary must leave"
              + " some for after it");
    }
    return new Wave(name, names, parallel, canary, gates(item, "wave " + name));
  }

  /** A partition written inline (a mapping) or by name alone, on top of the defaults. */
  private Partition partition(
      YamlNode item, Partition defaults, Map<String, Gates> own, Map<String, YamlNode> nodes) {
    if (item.isScalar() && !item.isNull()) {
      String name = fields.scalar(item);
      partitionReader.checkName(name, item.line());
      return PartitionsFile.merge(defaults, name, Map.of(), Map.of(), item.line());
    }
    Partition read = partitionReader.partition(item);
    Map<String, String> vars = new LinkedHashMap<>(defaults.vars());
    vars.putAll(read.vars());
    Partition merged =
        new Partition(
            read.name(),
            vars,
            item.get("protected").isPresent() ? read.isProtected() : defaults.isProtected(),
            item.get("approvers").isPresent() ? read.approvers() : defaults.approvers(),
            item.get("approvals").isPresent() ? read.approvals() : defaults.approvals(),
            item.get("channels").isPresent() ? read.channels() : defaults.channels(),
            read.line(),
            lines(defaults, read),
            item.get("operators").isPresent() ? read.operators() : defaults.operators(),
            item.get("runbook_approvers").isPresent()
                ? read.runbookApprovers()
                : defaults.runbookApprovers());
    Gates gates = gates(item, read.name());
    if (!gates.equals(Gates.NONE)) {
      own.put(read.name(), gates);
    }
    nodes.put(read.name(), item);
    return merged;
  }

  private static Map<String, Integer> lines(Partition defaults, Partition read) {
    Map<String, Integer> lines = new LinkedHashMap<>(defaults.varLines());
    lines.putAll(read.varLines());
    return lines;
  }

  private Partition defaults(YamlNode node) {
    if (!node.isMapping()) {
      throw fields.fail(node.line(), "partition_defaults must be a mapping: {protected: true}");
    }
    fields.onlyKeys(node, "partition_defaults key", DEFAULT_KEYS);
    return partitionReader.partitionBody("defaults", node);
  }

  /** soak, windows and blackouts of the fleet, a wave or a partition. */
  Gates gates(YamlNode node, String what) {
    Duration soak =
        node.get("soak").map(n -> fields.duration(n, "soak of " + what)).orElse(Duration.ZERO);
    List<DeployWindow> windows = new ArrayList<>();
    for (YamlNode item :
        node.get("windows")
            .map(
                n ->
                    fields.list(
                        n, "windows of " + what, "windows: [\"" + DeployWindow.EXAMPLE + "\"]"))
            .orElse(List.of())) {
      try {
        windows.add(DeployWindow.parse(fields.scalar(item)));
      } catch (IllegalArgumentException e) {
        throw fields.fail(item.line(), e.getMessage());
      }
    }
    List<Blackout> blackouts = new ArrayList<>();
    for (YamlNode item :
        node.get("blackouts")
            .map(n -> fields.list(n, "blackouts of " + what, BLACKOUT_EXAMPLE))
            .orElse(List.of())) {
      blackouts.add(blackout(item));
    }
    return new Gates(soak, windows, blackouts);
  }

  private static final String BLACKOUT_EXAMPLE =
      "blackouts: [{from: 2026-12-24, to: 2026-12-26, reason: holidays, zone: Europe/Berlin}]";

  private Blackout blackout(YamlNode item) {
    if (!item.isMapping() || item.get("from").isEmpty() || item.get("reason").isEmpty()) {
      throw fields.fail(
          item.line(),
          "a blackout needs from and a reason (to and zone are"
              + " optional): "
              + BLACKOUT_EXAMPLE);
    }
    LocalDate from = date(item.get("from").get());
    LocalDate to = item.get("to").map(this::date).orElse(from);
    ZoneId zone =
        item.get("zone")
            .map(
                n -> {
                  try {
                    return ZoneId.of(fields.scalar(n));
                  } catch (DateTimeException e) {
                    throw fields.fail(
                        n.line(),
                        "blackout zone \""
                            + fields.scalar(n)
                            + "\" is not a time zone: write UTC or Europe/Berlin");
                  }
                })
            .orElse(timezone);
    if (to.isBefore(from)) {
      throw fields.fail(item.line(), "blackout ends (" + to + ") before it begins (" + from + ")");
    }
    return new Blackout(from, to, zone, fields.scalar(item.get("reason").get()));
  }

  private LocalDate date(YamlNode node) {
    String text = fields.scalar(node);
    try {
      return LocalDate.parse(text);
    } catch (DateTimeException e) {
      throw fields.fail(node.line(), "\"" + text + "\" is not a date: write 2026-12-24");
    }
  }

  private int count(YamlNode node, String what, int min) {
    String text = fields.scalar(node);
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= 1000) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the line
    }
    throw fields.fail(node.line(), what + " must be a whole number from " + min + " to 1000");
  }
}
