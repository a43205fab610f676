package dev.shepherd.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Heading;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

/**
 * Walks the top-level blocks of a parsed runbook once, sending each to the part it belongs to.
 * Steps are {@code ##} headings, or {@code ###} headings under a {@code ## Steps} / {@code ##
 * Procedure} section; inside a step, sub-headings one level down and bold labels switch parts.
 */
final class DocumentWalker {
  private static final Pattern APPROVAL_REQUIRED =
      Pattern.compile("(?i)^approvals?\\s*:\\s*(required|yes|needed|true)\\b.*");
  private static final Pattern APPROVAL_NONE =
      Pattern.compile("(?i)^approvals?\\s*:\\s*(none|no|not required|false|optional)\\b.*");
  private static final Pattern TASK_MARK = Pattern.compile("^\\[[ xX]\\]\\s*");

  private enum Region { INTRO, STEP, ROLLBACK, TROUBLESHOOTING, PREREQUISITES }

  private final SourceLines source;
  final List<ParseProblem> problems = new ArrayList<>();
  final List<StepBuilder> steps = new ArrayList<>();
  final SectionBuilder introduction = new SectionBuilder(1);
  final SectionBuilder runbookRollback = new SectionBuilder(1);
  final SectionBuilder runbookDiagnosis = new SectionBuilder(1);
  final List<TroubleshootingRow> runbookRows = new ArrayList<>();
  final List<ChecklistItem> prerequisites = new ArrayList<>();
  String firstHeading;
  int firstHeadingLine;

  private boolean nested;
  private Region region = Region.INTRO;
  private StepBuilder step;
  private Optional<Labels.Part> part = Optional.empty();
  private RowBuilder row;

  DocumentWalker(SourceLines source) {
    this.source = source;
  }

  void walk(Node document) {
    nested = hasNestedSteps(document);
    for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
      if (block instanceof Heading heading) {
        heading(heading);
      } else {
        block(block);
      }
    }
    closeRow();
  }

  private static boolean hasNestedSteps(Node document) {
    boolean inSteps = false;
    for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
      if (block instanceof Heading heading && heading.getLevel() == 2) {
        inSteps = Labels.region(InlineText.plain(heading)).orElse(null) == Labels.Region.STEPS;
      } else if (inSteps && block instanceof Heading heading && heading.getLevel() == 3) {
        return true;
      }
    }
    return false;
  }

  private void heading(Heading heading) {
    String text = InlineText.plain(heading);
    int line = SourceLines.firstLine(heading);
    int level = heading.getLevel();
    if (level == 1 && firstHeading == null) {
      firstHeading = text;
      firstHeadingLine = line;
      return;
    }
    int stepLevel = nested ? 3 : 2;
    int partLevel = stepLevel + 1;
    if (level == 2) {
      closeRow();
      step = null;
      part = Optional.empty();
      Optional<Labels.Region> named = Labels.region(text);
      if (named.isPresent() && (nested || named.get() != Labels.Region.STEPS)) {
        region = switch (named.get()) {
          case STEPS -> Region.INTRO;
          case ROLLBACK -> Region.ROLLBACK;
          case TROUBLESHOOTING -> Region.TROUBLESHOOTING;
          case PREREQUISITES -> Region.PREREQUISITES;
        };
        if (named.get() == Labels.Region.STEPS) {
          region = Region.STEP;
        }
        return;
      }
      if (nested) {
        region = Region.INTRO;
        sink().addBlock(heading, source.blockText(heading));
        return;
      }
    }
    if (level == stepLevel && (level == 2 || region == Region.STEP)) {
      closeRow();
      step = new StepBuilder(Labels.stepTitle(text), line);
      steps.add(step);
      region = Region.STEP;
      part = Optional.empty();
      return;
    }
    if (level == partLevel && step != null) {
      closeRow();
      part = Labels.part(text).filter(p -> p.compareTo(Labels.Part.CLEANUP) <= 0);
      if (part.isPresent()) {
        return;
      }
    }
    sink().addBlock(heading, source.blockText(heading));
  }

  private void block(Node block) {
    if (region == Region.PREREQUISITES && block instanceof ListBlock list) {
      checklist(list);
      return;
    }
    if (block instanceof Paragraph && step != null && approval(block)) {
      return;
    }
    if (block instanceof BlockQuote quote && step != null) {
      Optional<Warning> warning = Callouts.warning(quote, source);
      if (warning.isPresent()) {
        step.warnings.add(warning.get());
        return;
      }
    }
    if (block instanceof TableBlock table && inTroubleshooting()) {
      rows().addAll(TroubleshootingTable.read(table, problems));
      return;
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
    if (row != null && part.isPresent()) {
      row.append(part.get(), text);
      return;
    }
    sink().addBlock(block, text);
  }

  private boolean approval(Node paragraph) {
    // Most paragraphs are prose: only one whose first line names approval (maybe in bold) can
    // say it, so the others skip reading their inline text.
    int line = SourceLines.firstLine(paragraph);
    if (line == 0 || !source.line(line).toLowerCase(java.util.Locale.ROOT).contains("approval")) {
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
      if (row != null && part.isPresent()) {
        row.append(part.get(), segment.text());
      } else {
        sink().addText(segment.text(), segment.line());
      }
      return;
    }
    Labels.Part label = segment.part().get();
    switch (label) {
      case SYMPTOM -> {
        closeRow();
        row = new RowBuilder(rows(), segment.line());
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
    part = Optional.of(label);
    if (row == null) {
      sink().addText(segment.text(), segment.line());
    }
  }

  private boolean inTroubleshooting() {
    return region == Region.TROUBLESHOOTING
        || (step != null && part.orElse(null) == Labels.Part.TROUBLESHOOTING);
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
      default -> introduction;
    };
  }

  private void closeRow() {
    if (row != null) {
      row.close();
      row = null;
      if (part.isPresent() && part.get().compareTo(Labels.Part.CLEANUP) > 0) {
        part = Optional.of(Labels.Part.TROUBLESHOOTING);
      }
    }
  }

  /** A troubleshooting row written as Symptom / Cause / Fix labels. */
  private static final class RowBuilder {
    private final List<TroubleshootingRow> target;
    private final int line;
    private final StringBuilder symptom = new StringBuilder();
    private final StringBuilder cause = new StringBuilder();
    private final StringBuilder fix = new StringBuilder();

    RowBuilder(List<TroubleshootingRow> target, int line) {
      this.target = target;
      this.line = line;
    }

    void append(Labels.Part part, String text) {
      StringBuilder field = switch (part) {
        case SYMPTOM -> symptom;
        case CAUSE -> cause;
        default -> fix;
      };
      if (field.length() > 0 && !text.isBlank()) {
        field.append('\n');
      }
      field.append(text.strip());
    }

    void close() {
      target.add(new TroubleshootingRow(symptom.toString(), cause.toString(), fix.toString(), line));
    }
  }
}
