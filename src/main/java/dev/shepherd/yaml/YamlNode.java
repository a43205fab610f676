package dev.shepherd.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A read-only view of a YAML document that remembers the line of every value, so that config and
 * front matter errors can point at {@code file:line}. Composed by SnakeYAML; no Java objects are
 * constructed from the document, so untrusted YAML cannot instantiate anything.
 */
public final class YamlNode {
  /** Tags plain scalars; only read once built, so one serves every thread. */
  private static final Resolver RESOLVER = new Resolver();

  private final Node node;
  private final int lineOffset;

  private YamlNode(Node node, int lineOffset) {
    this.node = node;
    this.lineOffset = lineOffset;
  }

  /**
   * Parses one YAML document.
   *
   * @param text the YAML text
   * @param firstLine the file line of the text's first line, so reported lines are file lines
   * @return the root, empty for an empty document
   * @throws YamlException with the file line when the text is not valid YAML
   */
  public static Optional<YamlNode> parse(String text, int firstLine) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    try {
      // What Yaml.compose does, without building a Yaml (its constructor and representer cost
      // more than composing a front matter; this runs for every runbook read).
      Node root =
          new Composer(new ParserImpl(new StreamReader(text), options), RESOLVER, options)
              .getSingleNode();
      return Optional.ofNullable(root).map(n -> new YamlNode(n, firstLine));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      if (e.getContextMark() != null
          && mark != null
          && mark.getIndex() >= text.codePointCount(0, text.length())) {
        // Reading ran off the end (an unclosed [ or "): point at where it was opened instead.
        mark = e.getContextMark();
      }
      int line = mark == null ? firstLine : firstLine + mark.getLine();
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      throw new YamlException(line, problem.strip(), e);
    } catch (RuntimeException e) {
      throw new YamlException(firstLine, String.valueOf(e.getMessage()), e);
    }
  }

  /** The file line (1-based) where this value starts. */
  public int line() {
    return lineOffset + node.getStartMark().getLine();
  }

  public boolean isMapping() {
    return node instanceof MappingNode;
  }

  public boolean isSequence() {
    return node instanceof SequenceNode;
  }

  public boolean isScalar() {
    return node instanceof ScalarNode;
  }

  /** The entries of a mapping in document order, keyed by their scalar key. */
  public Map<String, Entry> entries() {
    Map<String, Entry> entries = new LinkedHashMap<>();
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        YamlNode key = new YamlNode(tuple.getKeyNode(), lineOffset);
        YamlNode value = new YamlNode(tuple.getValueNode(), lineOffset);
        entries.put(key.scalarText(), new Entry(key, value));
      }
    }
    return entries;
  }

  public Optional<YamlNode> get(String key) {
    return Optional.ofNullable(entries().get(key)).map(Entry::value);
  }

  /** The items of a sequence; a lone scalar reads as a one-item sequence. */
  public List<YamlNode> items() {
    List<YamlNode> items = new ArrayList<>();
    if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        items.add(new YamlNode(item, lineOffset));
      }
    } else if (node instanceof ScalarNode) {
      items.add(this);
    }
    return items;
  }

  /** The text of a scalar, or a short description of what stands there instead. */
  public String scalarText() {
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    return isMapping() ? "<a mapping>" : "<a list>";
  }

  /** Whether this scalar is YAML's null ({@code ~}, {@code null} or nothing). */
  public boolean isNull() {
    return node instanceof ScalarNode scalar && scalar.getTag().getValue().endsWith(":null");
  }

  /** A mapping entry with the key's own node, whose line is where the entry starts. */
  public record Entry(YamlNode key, YamlNode value) {}
}
