package dev.shepherd.runbook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Turns a runbook file into a {@link Runbook}. Never fails on content: what it cannot understand
 * becomes a {@link ParseProblem} on the runbook, so one bad file never hides the others.
 * Thread-safe and reusable.
 */
public final class RunbookParser {
  private final Parser markdown = Parser.builder()
      .extensions(List.of(TablesExtension.create()))
      .includeSourceSpans(IncludeSourceSpans.BLOCKS)
      .build();

  /**
   * @param path where the file lives, relative to the runbooks source; names errors and the id
   * @param content the file's text (a UTF-8 BOM and CRLF line endings are fine)
   * @param revision the commit or content hash the text was read at
   */
  public Runbook parse(String path, String content, Revision revision) {
    String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
    FrontMatter frontMatter = FrontMatter.read(text);
    DocumentWalker walker = new DocumentWalker(new SourceLines(frontMatter.body));
    walker.walk(markdown.parse(frontMatter.body));

    Section rollbackSection = walker.runbookRollback.build();
    Optional<Section> runbookRollback =
        rollbackSection.isBlank() ? Optional.empty() : Optional.of(rollbackSection);
    List<Step> steps = new ArrayList<>();
    // One list shared by every step that inherits it, not a copy per step.
    List<TroubleshootingRow> runbookRows = List.copyOf(walker.runbookRows);
    for (StepBuilder step : walker.steps) {
      steps.add(step.build(steps.size() + 1, runbookRollback, runbookRows));
    }
    List<ParseProblem> problems = new ArrayList<>(frontMatter.problems);
    problems.addAll(walker.problems);

    String id = frontMatter.scalars.getOrDefault("id", fileId(path));
    String title = frontMatter.scalars.getOrDefault("title",
        walker.firstHeading != null ? walker.firstHeading : id);
    Map<String, Integer> fieldLines = new HashMap<>(frontMatter.lines);
    if (!frontMatter.scalars.containsKey("title") && walker.firstHeading != null) {
      // A template error in a title taken from the heading points at the heading.
      fieldLines.put("title", walker.firstHeadingLine);
    }
    List<ChecklistItem> checklist = frontMatter.lists.containsKey("checklist")
        ? frontMatter.lists.get("checklist").stream()
            .map(item -> new ChecklistItem(item.text(), item.line())).toList()
        : walker.prerequisites;
    return new Runbook(id, title, path, revision,
        texts(frontMatter, "approvers"),
        texts(frontMatter, "partitions"),
        checklist,
        texts(frontMatter, "reminders"),
        walker.introduction.build(),
        steps,
        fieldLines,
        problems,
        text);
  }

  private static List<String> texts(FrontMatter frontMatter, String key) {
    return frontMatter.lists.getOrDefault(key, List.of()).stream().map(FrontMatter.Item::text).toList();
  }

  private static String fileId(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.toLowerCase(java.util.Locale.ROOT).endsWith(".md")
        ? name.substring(0, name.length() - 3)
        : name;
  }
}
