package dev.shepherd.config;

import dev.shepherd.partition.Partition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A wave's partitions from a CSV file beside the config: a header row {@code name,region,...}, then
 * one partition a line, its columns its variables, on top of {@code partition_defaults:}. Values
 * are plain text (no quoting, so no commas); blank lines and lines starting with {@code #} are
 * skipped. Generating 200 lines is a spreadsheet export or a shell loop, and a reviewer reads the
 * diff of one line per partition.
 */
final class PartitionsFile {
  private final FieldReader fields;
  private final PartitionReader partitionReader;
  private final Path config;

  PartitionsFile(FieldReader fields, PartitionReader partitionReader, Path config) {
    this.fields = fields;
    this.partitionReader = partitionReader;
    this.config = config;
  }

  List<Partition> read(String name, int line, Partition defaults) {
    Path parent = config.toAbsolutePath().getParent();
    Path file = Path.of(name).isAbsolute() ? Path.of(name) : parent.resolve(name).normalize();
    String shown = config.getParent() == null ? name : config.getParent().resolve(name).toString();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw fields.fail(
          line,
          "cannot read partitions_file "
              + shown
              + " ("
              + e.getMessage()
              + "): the path is relative to the config file's folder");
    }
    List<String> header = null;
    List<Partition> partitions = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      List<String> cells = List.of(text.split(",", -1)).stream().map(String::strip).toList();
      if (header == null) {
        header = cells;
        if (header.isEmpty() || !header.get(0).equals("name")) {
          throw new ConfigException(
              shown
                  + ":"
                  + (i + 1)
                  + ": the header row must start with"
                  + " name, then the variables: name,region,account");
        }
        if (header.contains("partition")) {
          throw new ConfigException(
              shown
                  + ":"
                  + (i + 1)
                  + ": partition is always the"
                  + " partition's name: remove that column");
        }
        continue;
      }
      if (cells.size() != header.size()) {
        throw new ConfigException(
            shown
                + ":"
                + (i + 1)
                + ": "
                + cells.size()
                + " values for "
                + header.size()
                + " columns ("
                + String.join(",", header)
                + ")");
      }
      try {
        partitionReader.checkName(cells.get(0), line);
      } catch (ConfigException e) {
        throw new ConfigException(
            shown
                + ":"
                + (i + 1)
                + ": partition name \""
                + cells.get(0)
                + "\" must be lower-case letters, digits, - or _ (at most 40)");
      }
      Map<String, String> vars = new LinkedHashMap<>();
      for (int c = 1; c < header.size(); c++) {
        vars.put(header.get(c), cells.get(c));
      }
      partitions.add(merge(defaults, cells.get(0), vars, Map.of(), line));
    }
    if (partitions.isEmpty()) {
      throw fields.fail(line, "partitions_file " + shown + " lists no partitions");
    }
    return partitions;
  }

  /** A partition made of the defaults and its own variables (which win). */
  static Partition merge(
      Partition defaults,
      String name,
      Map<String, String> vars,
      Map<String, Integer> varLines,
      int line) {
    Map<String, String> all = new LinkedHashMap<>(defaults.vars());
    all.putAll(vars);
    Map<String, Integer> lines = new LinkedHashMap<>(defaults.varLines());
    vars.keySet().forEach(v -> lines.put(v, line));
    lines.putAll(varLines);
    return new Partition(
        name,
        all,
        defaults.isProtected(),
        defaults.approvers(),
        defaults.approvals(),
        defaults.channels(),
        line,
        lines,
        defaults.operators(),
        defaults.runbookApprovers());
  }
}
