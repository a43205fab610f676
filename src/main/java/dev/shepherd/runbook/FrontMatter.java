package dev.shepherd.runbook;

import dev.shepherd.yaml.YamlException;
import dev.shepherd.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The YAML between the {@code ---} lines at the top of a runbook. It is read with line numbers
 * (SnakeYAML's node graph) rather than commonmark's front matter extension, which only knows
 * flat {@code key: value} lists and cannot say which line is wrong.
 */
final class FrontMatter {
  private static final Set<String> KNOWN =
      Set.of("id", "title", "approvers", "partitions", "checklist", "reminders", "description",
          "owner", "owners", "tags", "version", "last_reviewed");

  final Map<String, String> scalars = new HashMap<>();
  final Map<String, List<Item>> lists = new HashMap<>();
  final Map<String, Integer> lines = new HashMap<>();
  final List<ParseProblem> problems = new ArrayList<>();

  /** A list value with its line. */
  record Item(String text, int line) {}

  /** The body with the front matter lines blanked, so Markdown line numbers stay file lines. */
  String body;

  static FrontMatter read(String text) {
    FrontMatter frontMatter = new FrontMatter();
    int firstEnd = lineEnd(text, 0);
    if (!text.substring(0, firstEnd).strip().equals("---")) {
      frontMatter.body = text;
      return frontMatter;
    }
    // Only the front matter's lines are looked at one by one; the body is copied whole.
    StringBuilder yaml = new StringBuilder();
    int closingLine = -1;
    int lines = 1;
    int start = nextLine(text, firstEnd);
    while (start >= 0) {
      int end = lineEnd(text, start);
      String line = text.substring(start, end);
      if (line.strip().equals("---") || line.strip().equals("...")) {
        closingLine = lines;
        start = nextLine(text, end);
        break;
      }
      yaml.append(line).append('\n');
      lines++;
      start = nextLine(text, end);
    }
    if (closingLine < 0) {
      frontMatter.problems.add(new ParseProblem(1,
          "front matter opened with --- on line 1 is never closed: add a --- line after it"));
      frontMatter.body = text;
      return frontMatter;
    }
    frontMatter.body = "\n".repeat(closingLine + (start >= 0 ? 1 : 0))
        + (start >= 0 ? text.substring(start) : "");
    frontMatter.readYaml(yaml.toString());
    return frontMatter;
  }

  /** Where the line starting at {@code from} ends (its \r, \n or the text's end). */
  private static int lineEnd(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  /** Where the line after the one ending at {@code end} starts, or -1 at the text's end. */
  private static int nextLine(String text, int end) {
    if (end >= text.length()) {
      return -1;
    }
    return text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n'
        ? end + 2 : end + 1;
  }

  private void readYaml(String yaml) {
    Optional<YamlNode> root;
    try {
      root = YamlNode.parse(yaml, 2);
    } catch (YamlException e) {
      problems.add(new ParseProblem(e.line(), "malformed front matter: " + e.getMessage()));
      return;
    }
    if (root.isEmpty()) {
      return;
    }
    if (!root.get().isMapping()) {
      problems.add(new ParseProblem(root.get().line(),
          "malformed front matter: expected key: value lines, found " + root.get().scalarText()));
      return;
    }
    root.get().entries().forEach((key, entry) -> readField(key, entry));
  }

  private void readField(String key, YamlNode.Entry entry) {
    lines.put(key, entry.key().line());
    YamlNode value = entry.value();
    switch (key) {
      case "id", "title" -> {
        if (!value.isScalar() || value.isNull() || value.scalarText().isBlank()) {
          problems.add(new ParseProblem(entry.key().line(),
              "malformed front matter: " + key + " must be a single line of text"));
        } else {
          scalars.put(key, value.scalarText().strip());
        }
      }
      case "approvers", "partitions", "checklist", "reminders" -> readList(key, entry);
      default -> {
        if (!KNOWN.contains(key)) {
          problems.add(new ParseProblem(entry.key().line(),
              "unknown front matter key \"" + key + "\": Shepherd reads id, title, approvers,"
                  + " partitions, checklist and reminders"));
        }
      }
    }
  }

  private void readList(String key, YamlNode.Entry entry) {
    List<Item> items = new ArrayList<>();
    if (!entry.value().isNull()) {
      for (YamlNode item : entry.value().items()) {
        if (!item.isScalar() || item.isNull()) {
          problems.add(new ParseProblem(item.line(),
              "malformed front matter: each item of " + key + " must be text, found "
                  + item.scalarText()));
        } else {
          items.add(new Item(item.scalarText().strip(), item.line()));
        }
      }
    }
    lists.put(key, items);
  }
}
