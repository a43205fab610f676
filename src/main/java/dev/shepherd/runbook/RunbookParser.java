package dev.shepherd.runbook;

import dev.shepherd.runbook.procedure.Hints;
import dev.shepherd.runbook.procedure.Variants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Turns a runbook file into a {@link Runbook}. Never fails on content: what it cannot understand
 * becomes a {@link ParseProblem} on the runbook, or a {@link NotWalked} range, so one bad file
 * never hides the others and no line is dropped without a word. Thread-safe and reusable.
 *
 * <p>A pipeline of small readers over commonmark's tree: {@link FrontMatter} (Shepherd's keys,
 * foreign ones tolerated), {@link Outline} (which headings and lists are steps), {@link
 * DocumentWalker} (routing blocks to steps and runbook-wide sections, with {@link Labels}, {@link
 * LabelledText}, {@link Callouts} and {@link TroubleshootingTable} reading the shapes inside),
 * {@link ForeignTemplates}, and {@link LineAccount}, which accounts for every line.
 */
public final class RunbookParser {
  /** File name endings read as Markdown, longest first: docs sites double them. */
  public static final List<String> EXTENSIONS =
      List.of(".html.md.erb", ".html.markdown", ".html.md", ".md.erb", ".markdown", ".md");

  /** How long one runbook may take to read unless the parser is given another deadline. */
  public static final Duration DEADLINE = Duration.ofSeconds(2);

  /** Reading a runbook passed its deadline: the file is reported unreadable, at this line. */
  public static final class TooSlow extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;

    TooSlow(int line, Duration budget) {
      super("took too long to read (over " + budget.toMillis() + " ms) at line " + line);
      this.line = line;
    }

    /** The line the reader had reached when it gave up. */
    public int line() {
      return line;
    }
  }

  private final Duration deadline;
  private final LongSupplier nanoTime;

  /** A parser giving each runbook {@link #DEADLINE}. */
  public RunbookParser() {
    this(DEADLINE);
  }

  /** A parser giving each runbook this long to be read. */
  public RunbookParser(Duration deadline) {
    this(deadline, System::nanoTime);
  }

  RunbookParser(Duration deadline, LongSupplier nanoTime) {
    this.deadline = Objects.requireNonNull(deadline, "deadline");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  private final Parser markdown =
      Parser.builder()
          .extensions(List.of(TablesExtension.create()))
          .includeSourceSpans(IncludeSourceSpans.BLOCKS)
          .build();

  /**
   * @param path where the file lives, relative to the runbooks source; names errors and the id
   * @param content the file's text (a UTF-8 BOM and CRLF line endings are fine)
   * @param revision the commit or content hash the text was read at
   * @throws TooSlow when reading takes longer than the parser's deadline
   */
  public Runbook parse(String path, String content, Revision revision) {
    ReadingDeadline until = new ReadingDeadline(deadline, nanoTime);
    String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
    FrontMatter frontMatter = FrontMatter.read(text);
    String body = Variants.dedentTabs(frontMatter.body);
    SourceLines lines = new SourceLines(body);
    Node document = markdown.parse(body);
    Set<Node> variants = variants(document, Variants.of(SourceLines.split(frontMatter.body)));
    Set<Node> forced = hinted(document, frontMatter.scalars.get("steps"));
    Outline outline = Outline.of(document, variants, forced);
    DocumentWalker walker = new DocumentWalker(lines, outline, until);
    walker.walk(document);

    Optional<Section> runbookRollback = present(walker.runbookRollback.build());
    List<Step> steps = new ArrayList<>();
    // One list shared by every step that inherits it, not a copy per step.
    List<TroubleshootingRow> runbookRows = List.copyOf(walker.runbookRows);
    Set<String> titles = new HashSet<>();
    for (StepBuilder step : walker.steps) {
      // Upgrade guides repeat a procedure per group ("Upgrade the control plane", "Upgrade each
      // worker"): the group tells the operator which "Upgrade kubeadm" this is.
      // "## QueueBacklogHigh" / "### Diagnosis": a generic name says which alert it is for.
      boolean generic = Labels.part(step.title).isPresent() || Labels.investigates(step.title);
      String title =
          (!titles.add(step.title.toLowerCase(Locale.ROOT)) || generic) && step.group.isPresent()
              ? step.group.get() + ": " + step.title
              : step.title;
      steps.add(step.build(steps.size() + 1, title, runbookRollback, runbookRows));
    }
    List<ParseProblem> problems = new ArrayList<>(frontMatter.problems);
    problems.addAll(walker.problems);

    String id = frontMatter.scalars.getOrDefault("id", fileId(path));
    String title =
        frontMatter.scalars.getOrDefault(
            "title", walker.firstHeading != null ? walker.firstHeading : id);
    Map<String, Integer> fieldLines = new HashMap<>(frontMatter.lines);
    if (!frontMatter.scalars.containsKey("title") && walker.firstHeading != null) {
      // A template error in a title taken from the heading points at the heading.
      fieldLines.put("title", walker.firstHeadingLine);
    }
    List<ChecklistItem> checklist =
        frontMatter.lists.containsKey("checklist")
            ? frontMatter.lists.get("checklist").stream()
                .map(item -> new ChecklistItem(item.text(), item.line()))
                .toList()
            : walker.prerequisites;
    LineAccount account =
        new LineAccount(lines, frontMatter.endLine, walker.placements, walker.notWalked);
    Reading reading =
        new Reading(
            steps.isEmpty()
                ? "none"
                : outline.shape.name().toLowerCase(Locale.ROOT).replace('_', ' '),
            Optional.ofNullable(frontMatter.scalars.get("description")),
            runbookRollback,
            runbookRows,
            present(walker.runbookDiagnosis.build()),
            present(walker.runbookVerify.build()),
            account.placements(),
            account.notWalked(),
            ForeignTemplates.scan(text),
            steps.isEmpty() ? Nearest.describe(document) : "");
    return new Runbook(
        id,
        title,
        path,
        revision,
        texts(frontMatter, "approvers"),
        frontMatter.approvals,
        texts(frontMatter, "partitions"),
        checklist,
        texts(frontMatter, "reminders"),
        walker.introduction.build(),
        steps,
        fieldLines,
        problems,
        text,
        reading);
  }

  /**
   * The blocks a hint names as the procedure: the heading or list right after a {@code <!--
   * shepherd: steps -->} line, and the heading the front matter's {@code steps:} names.
   */
  private static Set<Node> hinted(Node document, String stepsHeading) {
    Set<Node> forced = Segments.identitySet();
    String named = stepsHeading == null ? null : Labels.normalise(stepsHeading.replace("#", ""));
    for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
      if (block instanceof org.commonmark.node.HtmlBlock html
          && Hints.isStepsMarker(html.getLiteral())
          && block.getNext() != null) {
        forced.add(block.getNext());
      }
      if (named != null
          && block instanceof org.commonmark.node.Heading heading
          && Labels.normalise(Outline.withoutAnchor(InlineText.plain(heading))).equals(named)) {
        forced.add(heading);
      }
    }
    return forced;
  }

  /** The top-level blocks that start on a line of a non-default tab. */
  private static Set<Node> variants(Node document, boolean[] variantLines) {
    Set<Node> variants = Segments.identitySet();
    for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
      int line = SourceLines.firstLine(block);
      if (line > 0 && line < variantLines.length && variantLines[line]) {
        variants.add(block);
      }
    }
    return variants;
  }

  private static Optional<Section> present(Section section) {
    return section.isBlank() ? Optional.empty() : Optional.of(section);
  }

  private static List<String> texts(FrontMatter frontMatter, String key) {
    return frontMatter.lists.getOrDefault(key, List.of()).stream()
        .map(FrontMatter.Item::text)
        .toList();
  }

  /** Whether a file name is one Shepherd reads as Markdown. */
  public static boolean isMarkdown(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(lower::endsWith);
  }

  private static String fileId(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    String lower = name.toLowerCase(Locale.ROOT);
    for (String extension : EXTENSIONS) {
      if (lower.endsWith(extension)) {
        return name.substring(0, name.length() - extension.length());
      }
    }
    return name;
  }
}
