package dev.shepherd.source;

import dev.shepherd.config.ConfigException;
import dev.shepherd.yaml.YamlException;
import dev.shepherd.yaml.YamlNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The config file's {@code include:} and {@code exclude:} globs, read on their own so the source
 * adapter owns them: the rest of the file is {@link dev.shepherd.config.ConfigLoader}'s.
 */
public final class FilterConfig {
  private FilterConfig() {}

  /** The base filter with the config's globs added; the base alone when the file has none. */
  public static RunbookFilter read(Path file, RunbookFilter base) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // ConfigLoader read the same file a moment ago and says what is wrong with it.
      throw new ConfigException(file + ": cannot read the config file (" + e.getMessage() + ")", e);
    }
    Optional<YamlNode> root;
    try {
      root = YamlNode.parse(text, 1);
    } catch (YamlException e) {
      throw new ConfigException(file + ":" + e.line() + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root.isEmpty() || !root.get().isMapping()) {
      return base;
    }
    return base.with(globs(file, root.get(), "include"), globs(file, root.get(), "exclude"));
  }

  private static List<String> globs(Path file, YamlNode root, String key) {
    List<String> globs = new ArrayList<>();
    Optional<YamlNode> node = root.get(key);
    if (node.isEmpty() || node.get().isNull()) {
      return globs;
    }
    List<YamlNode> items = node.get().isScalar() ? List.of(node.get()) : node.get().items();
    for (YamlNode item : items) {
      if (!item.isScalar() || item.isNull() || item.scalarText().isBlank()) {
        throw new ConfigException(
            file
                + ":"
                + item.line()
                + ": each "
                + key
                + ": item must be a glob such as docs/runbooks/**, found "
                + item.scalarText());
      }
      globs.add(item.scalarText().strip());
    }
    return globs;
  }
}
