package dev.shepherd.runbook;

import dev.shepherd.runbook.procedure.Hints;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

/**
 * Walks the top-level blocks of a parsed runbook once, sending each where the {@link Outline} says
 * it belongs: a step, the introduction, a runbook-wide section or the checklist. Inside a step,
 * sub-headings one level down and bold labels switch parts. Every block's lines are recorded with
 * where they went, so a final pass can say what was not walked.
 */
final class DocumentWalker {
  private static final Pattern APPROVAL_REQUIRED =
      Pattern.compile("(?i)^approvals?\\s*:\\s*(required|yes|needed|true)\\b.*");
  private static final Pattern APPROVAL_NONE =
      Pattern.compile("(?i)^approvals?\\s*:\\s*(none|no|not required|false|optional)\\b.*");
  private static final Pattern TASK_MARK = Pattern.compile("^\\[[ xX]\\]\\s*");

  private enum Region {
    INTRO,
    STEP,
    ROLLBACK,
    TROUBLESHOOTING,
    VERIFY,
    PREREQUISITES
  }

  private final SourceLines source;
  private final Outline outline;
  final List<ParseProblem> problems = new ArrayList<>();
  final List<StepBuilder> steps = new ArrayList<>();
  final SectionBuilder introduction = new SectionBuilder(1);
  final SectionBuilder runbookRollback = new SectionBuilder(1);
  final SectionBuilder runbookDiagnosis = new SectionBuilder(1);
  final SectionBuilder runbookVerify = new SectionBuilder(1);
  final List<TroubleshootingRow> runbookRows = new ArrayList<>();
  final List<ChecklistItem> prerequisites = new ArrayList<>();
  final List<Placement> placements = new ArrayList<>();
  final List<NotWalked> notWalked = new ArrayList<>();
  String firstHeading;
  int firstHeadingLine;

  private Region region = Region.INTRO;
  private StepBuilder step;
  private Optional<Labels.Part> part = Optional.empty();
  private RowBuilder row;

  /** The loudness a kramdown {@code {: .warning }} line gave the block quote after it. */
  private Warning.Level pendingCallout;

  /** The headings that explain or group steps ("## Upgrade each worker"), by level. */
  private final String[] groups = new String[7];

  private final ReadingDeadline deadline;

  DocumentWalker(SourceLines source, Outline outline, ReadingDeadline deadline) {
    this.source = source;
    this.outline = outline;
    this.deadline = deadline;
  }

  void walk(Node document) {
    for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
      deadline.check(SourceLines.firstLine(block));
      if (block instanceof Heading heading) {
        heading(heading);
        place(block, where());
      } else if (outline.stepParagraph(block) != null) {
        paragraphStep((Paragraph) block, outline.stepParagraph(block));
      } else if (outline.isStepList(block)) {
        listSteps((ListBlock) block);
      } else if (Callouts.attributeList(block, source).isPresent()) {
        pendingCallout = Callouts.attributeList(block, source).orElseThrow().orElse(null);
        notWalked.add(
            new NotWalked(
                SourceLines.firstLine(block),
                SourceLines.lastLine(block),
                "kramdown attribute list: styles the block next to it"));
      } else if (block instanceof HtmlBlock html && isComment(html)) {
        notWalked.add(
            new NotWalked(
                SourceLines.firstLine(block),
                SourceLines.lastLine(block),
                Hints.isStepsMarker(html.getLiteral())
                    ? "Shepherd hint: the procedure follows"
                    : "HTML comment: not shown to the operator"));
      } else {
        block(block);
        place(block, where());
      }
    }
    closeRow();
  }

  private void place(Node block, String where) {
    int first = SourceLines.firstLine(block);
    if (first > 0) {
      placements.add(new Placement(first, SourceLines.lastLine(block), where));
    }
  }

  /** Where a block just went, as {@code show --json} names it. */
  private String where() {
    if (step != null) {
      return "step " + steps.size();
    }
    return switch (region) {
      case ROLLBACK -> "runbook rollback";
      case TROUBLESHOOTING -> "runbook troubleshooting";
      case VERIFY -> "runbook verification";
      case PREREQUISITES -> "checklist";
      default -> "introduction";
    };
  }

  private static boolean isComment(HtmlBlock html) {
    String literal = html.getLiteral() == null ? "" : html.getLiteral().strip();
    return literal.startsWith("<!--") && literal.endsWith("-->");
  }

  private void heading(Heading heading) {
    String text = outline.text(heading);
    int line = SourceLines.firstLine(heading);
    Outline.Decision decision = outline.role(heading);
    if (decision.role() != Outline.Role.INNER && decision.role() != Outline.Role.PART) {
      sectionLevel = heading.getLevel();
      // A new section at this level ends the groups at and under it.
      for (int l = heading.getLevel(); l < groups.length; l++) {
        groups[l] = null;
      }
    }
    switch (decision.role()) {
      case TITLE -> {
        firstHeading = text;
        firstHeadingLine = line;
      }
      case STEP -> {
        startStep(Labels.stepTitle(text), line);
        partLevel = heading.getLevel() + 1;
      }
      case WIDE, CHECKLIST -> {
        leaveStep();
        region =
            switch (decision.region()) {
              case ROLLBACK -> Region.ROLLBACK;
              case TROUBLESHOOTING -> Region.TROUBLESHOOTING;
              case VERIFY -> Region.VERIFY;
              default -> Region.PREREQUISITES;
            };
      }
      case PART -> {
        if (step == null) {
          leaveStep();
          region = Region.INTRO;
          sink().addBlock(heading, source.blockText(heading));
        } else {
          closeRow();
          part = Labels.part(text).filter(p -> p.compareTo(Labels.Part.CLEANUP) <= 0);
        }
      }
      case PROCEDURE -> {
        leaveStep();
        region = Region.INTRO;
      }
      case INTRO -> {
        leaveStep();
        region = Region.INTRO;
        introduction.addBlock(heading, source.blockText(heading));
        groups[Math.min(heading.getLevel(), groups.length - 1)] = text;
      }
      default -> inner(heading, text);
    }
  }

  /** The level of the last heading that was not inside a step: list steps' parts sit under it. */
  private int sectionLevel = 1;

  /** Where the current step's parts start: one level under its heading or its section's. */
  private int partLevel = 3;

  private void startStep(String title, int line) {
    partLevel = sectionLevel + 1;
    closeRow();
    // The nearest heading above the step that groups or explains it ("## WorkerCrashLooping"
    // over "### Diagnosis"), not a sibling section ("### Symptoms").
    String group = null;
    for (int l = Math.min(sectionLevel, groups.length - 1); l >= 1 && group == null; l--) {
      group = groups[l];
    }
    step = new StepBuilder(title, line, Optional.ofNullable(group));
    steps.add(step);
    region = Region.STEP;
    part = Optional.empty();
  }

  private void leaveStep() {
    closeRow();
    step = null;
    part = Optional.empty();
  }

  /** A heading inside a step or a section: a part, a troubleshooting symptom, or just text. */
  private void inner(Heading heading, String text) {
    int level = heading.getLevel();
    Optional<Labels.Part> named = Labels.part(text);
    if (step != null && level == partLevel) {
      closeRow();
      part = named.filter(p -> p.compareTo(Labels.Part.CLEANUP) <= 0);
      if (part.isPresent()) {
        return;
      }
    } else if (inTroubleshooting()) {
      Labels.Part label = named.orElse(null);
      if (label == Labels.Part.CAUSE || label == Labels.Part.FIX || label == Labels.Part.SYMPTOM) {
        if (row == null || label == Labels.Part.SYMPTOM) {
          closeRow();
          row = new RowBuilder(rows(), SourceLines.firstLine(heading));
        }
        rowPart = label;
        return;
      }
      // "### Pods stay Pending", "### Error: x509 …": a symptom, with what follows as its fix.
      closeRow();
      row = RowBuilder.underHeading(rows(), SourceLines.firstLine(heading), text);
      rowPart = Labels.Part.FIX;
      return;
    }
    sink().addBlock(heading, source.blockText(heading));
  }

  /** Which field of a heading-started troubleshooting row the next blocks fill. */
  private Labels.Part rowPart;

  /** One step per top-level item of an ordered or task list; what the item holds is the step. */
  private void listSteps(ListBlock list) {
    for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
      ListItem listItem = (ListItem) item;
      Node first = listItem.getFirstChild();
      int line = SourceLines.firstLine(item);
      deadline.check(line);
      String lead = first instanceof Paragraph ? InlineText.plain(first) : "";
      lead = TASK_MARK.matcher(lead).replaceFirst("");
      String title = ListTitles.title(lead, steps.size() + 1);
      startStep(title, line);
      boolean titleIsWholeParagraph =
          first instanceof Paragraph && title.equals(ListTitles.clean(lead));
      for (Node child = first; child != null; child = child.getNext()) {
        if (child == first && titleIsWholeParagraph) {
          continue;
        }
        block(child);
      }
      place(item, where());
    }
  }

  /**
   * A paragraph that starts a step: {@code **Step 2:** …}, {@code Diagnosis 1: …}, or an
   * instruction followed by its code. The paragraph stays in the step's text unless the title is
   * all it says.
   */
  private void paragraphStep(Paragraph paragraph, String title) {
    startStep(title, SourceLines.firstLine(paragraph));
    if (!title.equals(Labels.stepTitle(InlineText.plain(paragraph)))) {
      block(paragraph);
    }
    place(paragraph, where());
  }

  private void block(Node block) {
    Warning.Level styled = pendingCallout;
    pendingCallout = null;
    if (styled != null && block instanceof BlockQuote quote && step != null) {
      step.warnings.add(Callouts.quoteAs(quote, source, styled));
      return;
    }
    if (region == Region.PREREQUISITES && block instanceof ListBlock list) {
      checklist(list);
      return;
    }
    if (block instanceof Paragraph && step != null && approval(block)) {
      return;
    }
    Optional<Warning> warning = Callouts.warning(block, source);
    if (warning.isPresent() && step != null) {
      step.warnings.add(warning.get());
      return;
    }
    if (block instanceof TableBlock table && inTroubleshooting()) {
      TroubleshootingTable.Read read = TroubleshootingTable.read(table, problems);
      if (read.understood()) {
        rows().addAll(read.rows());
        return;
      }
    }
    // Cut out once: labels, rows and sections all read the same text.
    String text = source.blockText(block);
    if (block instanceof Paragraph || block instanceof ListBlock) {
      List<LabelledText.Segment> segments = LabelledText.split(text, SourceLines.firstLine(block));
      if (!segments.isEmpty() && region != Region.INTRO && region != Region.PREREQUISITES) {
        segments.forEach(this::segment);
        return;
      }
    }
    if (row != null && (part.isPresent() || rowPart != null)) {
      row.append(rowPart != null ? rowPart : part.get(), text);
      return;
    }
    sink().addBlock(block, text);
  }

  private boolean approval(Node paragraph) {
    // Most paragraphs are prose: only one whose first line names approval (maybe in bold) can
    // say it, so the others skip reading their inline text.
    int line = SourceLines.firstLine(paragraph);
    if (line == 0 || !source.line(line).toLowerCase(Locale.ROOT).contains("approval")) {
      return false;
    }
    String text = InlineText.plain(paragraph);
    if (APPROVAL_REQUIRED.matcher(text).matches()) {
      step.approvalRequired = true;
      return true;
    }
    return APPROVAL_NONE.matcher(text).matches();
  }

  private void checklist(ListBlock list) {
    for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
      if (item instanceof ListItem && item.getFirstChild() != null) {
        String text = TASK_MARK.matcher(InlineText.markdown(item.getFirstChild())).replaceFirst("");
        if (!text.isBlank()) {
          prerequisites.add(new ChecklistItem(text, SourceLines.firstLine(item)));
        }
      }
    }
  }

  private void segment(LabelledText.Segment segment) {
    if (segment.part().isEmpty()) {
      if (row != null && (part.isPresent() || rowPart != null)) {
        row.append(rowPart != null ? rowPart : part.get(), segment.text());
      } else {
        sink().addText(segment.text(), segment.line());
      }
      return;
    }
    Labels.Part label = segment.part().get();
    switch (label) {
      case SYMPTOM -> {
        if (row == null || !row.openedByHeading()) {
          closeRow();
          row = new RowBuilder(rows(), segment.line());
        }
        row.append(label, segment.text());
      }
      case CAUSE, FIX -> {
        if (row == null) {
          row = new RowBuilder(rows(), segment.line());
        }
        row.append(label, segment.text());
      }
      default -> {
        closeRow();
        if (step == null) {
          sink().addText(segment.text(), segment.line());
          return;
        }
      }
    }
    if (row != null) {
      rowPart = label;
    }
    part = Optional.of(label);
    if (row == null) {
      sink().addText(segment.text(), segment.line());
    }
  }

  private boolean inTroubleshooting() {
    return (step == null && region == Region.TROUBLESHOOTING)
        || (step != null && part.orElse(null) == Labels.Part.TROUBLESHOOTING)
        || (step != null && row != null);
  }

  private List<TroubleshootingRow> rows() {
    return step != null ? step.rows : runbookRows;
  }

  private SectionBuilder sink() {
    if (step != null) {
      Labels.Part current = part.orElse(null);
      if (current == null || current.compareTo(Labels.Part.CLEANUP) > 0) {
        return step.instructions;
      }
      return step.part(current, step.line);
    }
    return switch (region) {
      case ROLLBACK -> runbookRollback;
      case TROUBLESHOOTING -> runbookDiagnosis;
      case VERIFY -> runbookVerify;
      default -> introduction;
    };
  }

  private void closeRow() {
    rowPart = null;
    if (row != null) {
      row.close();
      row = null;
      if (part.isPresent() && part.get().compareTo(Labels.Part.CLEANUP) > 0) {
        part = Optional.of(Labels.Part.TROUBLESHOOTING);
      }
    }
  }
}
