package dev.shepherd.runbook;

import dev.shepherd.yaml.YamlException;
import dev.shepherd.yaml.YamlNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The YAML between the {@code ---} lines at the top of a runbook. It is read with line numbers
 * (SnakeYAML's node graph) rather than commonmark's front matter extension, which only knows flat
 * {@code key: value} lists and cannot say which line is wrong.
 */
final class FrontMatter {
  private static final Set<String> KNOWN =
      Set.of(
          "id",
          "title",
          "approvers",
          "approvals",
          "partitions",
          "checklist",
          "reminders",
          "description",
          "owner",
          "owners",
          "tags",
          "version",
          "last_reviewed",
          "steps");

  final Map<String, String> scalars = new HashMap<>();
  final Map<String, List<Item>> lists = new HashMap<>();
  final Map<String, Integer> lines = new HashMap<>();
  final List<ParseProblem> problems = new ArrayList<>();

  /** {@code approvals}: how many distinct approvals each approved step needs; 0 when not set. */
  int approvals;

  /**
   * More is not a gate any team runs, and a typo (20 for 2) would leave every step unfinishable.
   */
  static final int MOST_APPROVALS = 10;

  /** A list value with its line. */
  record Item(String text, int line) {}

  /** The front matter's last line (its closing ---), 0 when there is none. */
  int endLine;

  /** The body with the front matter lines blanked, so Markdown line numbers stay file lines. */
  String body;

  static FrontMatter read(String text) {
    FrontMatter frontMatter = new FrontMatter();
    int firstEnd = lineEnd(text, 0);
    if (text.substring(0, firstEnd).strip().equals("+++")) {
      return toml(text, frontMatter);
    }
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
      frontMatter.problems.add(
          new ParseProblem(
              1,
              "front matter opened with --- on line 1 is never closed: add a --- line after it"));
      frontMatter.body = text;
      return frontMatter;
    }
    frontMatter.endLine = closingLine + 1;
    frontMatter.body =
        "\n".repeat(closingLine + (start >= 0 ? 1 : 0)) + (start >= 0 ? text.substring(start) : "");
    frontMatter.readYaml(yaml.toString());
    return frontMatter;
  }

  /**
   * Hugo's TOML front matter between {@code +++} lines: foreign, so only {@code title} and {@code
   * description} are read ({@code title = "…"}); nothing in it is an error.
   */
  private static FrontMatter toml(String text, FrontMatter frontMatter) {
    String[] lines = SourceLines.split(text);
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.equals("+++")) {
        frontMatter.endLine = i + 1;
        frontMatter.body =
            "\n".repeat(i + 1)
                + String.join("\n", Arrays.asList(lines).subList(i + 1, lines.length));
        return frontMatter;
      }
      Matcher field = TOML_FIELD.matcher(line);
      if (field.matches()) {
        frontMatter.scalars.put(field.group(1), field.group(2));
        frontMatter.lines.put(field.group(1), i + 1);
      }
    }
    frontMatter.problems.add(
        new ParseProblem(
            1, "front matter opened with +++ on line 1 is never closed: add a +++ line after it"));
    frontMatter.body = text;
    return frontMatter;
  }

  private static final Pattern TOML_FIELD =
      Pattern.compile("^(title|description)\\s*=\\s*[\"'](.*)[\"']\\s*$");

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
        ? end + 2
        : end + 1;
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
      problems.add(
          new ParseProblem(
              root.get().line(),
              "malformed front matter: expected key: value lines, found "
                  + root.get().scalarText()));
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
          problems.add(
              new ParseProblem(
                  entry.key().line(),
                  "malformed front matter: " + key + " must be a single line of text"));
        } else {
          scalars.put(key, value.scalarText().strip());
        }
      }
      case "approvers", "partitions", "checklist", "reminders" -> readList(key, entry);
      case "approvals" -> readApprovals(entry);
      case "description", "steps" -> {
        // steps: the heading of the section that holds the procedure, a hint for the reader.
        if (value.isScalar() && !value.isNull() && !value.scalarText().isBlank()) {
          scalars.put(key, value.scalarText().strip());
        }
      }
      default -> {
        // Docs sites keep their own keys here (weight, layout, ms.topic…): only a near miss of
        // one of Shepherd's own keys is worth a word.
        nearMiss(key)
            .ifPresent(
                meant ->
                    problems.add(
                        new ParseProblem(
                            entry.key().line(),
                            "unknown front matter key \""
                                + key
                                + "\": did you mean "
                                + meant
                                + "? Shepherd reads id, title, approvers, approvals, partitions, checklist and reminders")));
      }
    }
  }

  private static final List<String> OWN =
      List.of("approvers", "approvals", "partitions", "checklist", "reminders");

  /** The Shepherd key a foreign key is one or two typos away from, if any. */
  static Optional<String> nearMiss(String key) {
    if (KNOWN.contains(key)) {
      return Optional.empty();
    }
    for (String own : OWN) {
      if (distance(key.toLowerCase(Locale.ROOT), own) <= 2) {
        return Optional.of(own);
      }
    }
    return Optional.empty();
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private void readApprovals(YamlNode.Entry entry) {
    YamlNode value = entry.value();
    String text = value.isScalar() && !value.isNull() ? value.scalarText().strip() : "";
    if (text.matches("[0-9]{1,2}")
        && Integer.parseInt(text) >= 1
        && Integer.parseInt(text) <= MOST_APPROVALS) {
      approvals = Integer.parseInt(text);
    } else {
      problems.add(
          new ParseProblem(
              entry.key().line(),
              "malformed front matter: approvals must be a whole number from 1 to "
                  + MOST_APPROVALS
                  + " (the distinct approvals each approved step needs), found "
                  + (value.isNull()
                      ? "nothing"
                      : value.isScalar() ? "\"" + text + "\"" : value.scalarText())));
    }
  }

  private void readList(String key, YamlNode.Entry entry) {
    List<Item> items = new ArrayList<>();
    if (!entry.value().isNull()) {
      for (YamlNode item : entry.value().items()) {
        if (!item.isScalar() || item.isNull()) {
          problems.add(
              new ParseProblem(
                  item.line(),
                  "malformed front matter: each item of "
                      + key
                      + " must be text, found "
                      + item.scalarText()));
        } else {
          items.add(new Item(item.scalarText().strip(), item.line()));
        }
      }
    }
    lists.put(key, items);
  }
}
