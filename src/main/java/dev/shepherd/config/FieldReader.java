package dev.shepherd.config;

import dev.shepherd.format.Durations;
import dev.shepherd.yaml.YamlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of one YAML file, line-aware: every problem is a {@link ConfigException} that
 * starts with the file and the line ({@code config/shepherd.yaml:12: ...}).
 */
final class FieldReader {
  private final String file;

  /**
   * @param file the file as the messages name it
   */
  FieldReader(String file) {
    this.file = file;
  }

  /** The problem {@code message} at {@code line} of this file. */
  ConfigException fail(int line, String message) {
    return new ConfigException(file + ":" + line + ": " + message);
  }

  /** The problem {@code message} at {@code line} of this file, keeping its cause. */
  ConfigException fail(int line, String message, Throwable cause) {
    return new ConfigException(file + ":" + line + ": " + message, cause);
  }

  /**
   * Refuses any key of the mapping {@code node} not in {@code keys}, naming it "unknown {what}".
   */
  void onlyKeys(YamlNode node, String what, List<String> keys) {
    node.entries()
        .forEach(
            (key, entry) -> {
              if (!keys.contains(key)) {
                throw fail(
                    entry.key().line(),
                    "unknown " + what + " \"" + key + "\": expected one of " + keys);
              }
            });
  }

  /** A value, stripped; nothing or a list is a problem. */
  String scalar(YamlNode node) {
    if (!node.isScalar() || node.isNull()) {
      throw fail(
          node.line(),
          "expected a value, found " + (node.isNull() ? "nothing" : node.scalarText()));
    }
    return node.scalarText().strip();
  }

  /** A list of values ({@code [a, b]}, or one value); nothing is the empty list. */
  List<String> strings(YamlNode node) {
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

  /** The items of a list, or the one value written instead; {@code example} shows the form. */
  List<YamlNode> listOrValue(YamlNode node, String key, String example) {
    if (!node.isSequence() && !node.isScalar()) {
      throw fail(node.line(), key + " must be a list: " + example);
    }
    return node.items();
  }

  /** The items of a list; {@code example} shows the form. */
  List<YamlNode> list(YamlNode node, String what, String example) {
    if (!node.isSequence()) {
      throw fail(node.line(), what + " must be a list: " + example);
    }
    return node.items();
  }

  /** A duration longer than zero, such as {@code 15m}. */
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
}
