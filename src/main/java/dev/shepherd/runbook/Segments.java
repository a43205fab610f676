package dev.shepherd.runbook;

import dev.shepherd.runbook.procedure.Instructions;
import dev.shepherd.runbook.procedure.Variants;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;

/**
 * Where the actions are in a run of blocks, and the steps they make: the candidate segmentations of
 * one section's own text (the items of its ordered, task or imperative bullet lists; paragraphs
 * labelled {@code **Step 1:**}, {@code **1.**} or {@code Diagnosis 1:}; instructions each followed
 * by their code), judged by how many actions they cover. Plain values out; the {@link Outline}
 * decides which section's segmentation is the procedure.
 */
final class Segments {
  /** Longest title taken from a paragraph: Block Kit's header holds 150. */
  static final int LONGEST_PARAGRAPH_TITLE = 160;

  /** The lists whose top-level items are steps. */
  final List<Node> lists = new ArrayList<>();

  /** The paragraphs that start a step, with their titles. */
  final Map<Node, String> paragraphs = new IdentityHashMap<>();

  /** How many steps the segmentation makes. */
  int steps;

  int listItems;
  int labelled;
  int instructions;

  private final Set<Node> variants;

  /** Whether the blocks are under a heading that names a procedure: any ordered list is steps. */
  private boolean procedure;

  private Set<Node> forced = Set.of();

  private Segments(Set<Node> variants) {
    this.variants = variants;
  }

  /** Whether the blocks hold a procedure of their own: two steps or more. */
  boolean strong() {
    return steps >= 2;
  }

  /** The segmentation of a run of blocks, variants skipped. */
  static Segments of(List<Node> blocks, Set<Node> variants) {
    return of(blocks, variants, false);
  }

  /**
   * @param bullets whether bullet lists may be steps: not in a section whose sub-sections hold the
   *     steps, where a bullet list above them is their summary
   */
  static Segments of(List<Node> blocks, Set<Node> variants, boolean procedure) {
    return of(blocks, variants, procedure, Set.of());
  }

  /**
   * @param forced lists a hint names as the procedure: steps whatever their items say
   */
  static Segments of(List<Node> blocks, Set<Node> variants, boolean procedure, Set<Node> forced) {
    Segments segments = new Segments(variants);
    segments.procedure = procedure;
    segments.forced = forced;
    segments.read(blocks);
    return segments;
  }

  private void read(List<Node> blocks) {
    List<Node> plain = new ArrayList<>();
    List<Node> bulletLists = new ArrayList<>();
    int bulletItems = 0;
    for (int i = 0; i < blocks.size(); i++) {
      Node block = blocks.get(i);
      if (variants.contains(block)) {
        continue;
      }
      if (block instanceof ListBlock list && forced.contains(list)) {
        lists.add(list);
        listItems += ListShapes.items(list);
        steps += ListShapes.items(list);
      } else if (block instanceof BulletList list
          && !ListShapes.isTaskList(list)
          && isStepList(list, 1)) {
        // Bullets are steps when, together, two or more of them instruct.
        bulletLists.add(list);
        bulletItems += ListShapes.items(list);
      } else if (block instanceof ListBlock list && (isStepList(list, 2) || procedure)) {
        lists.add(list);
        int items = ListShapes.items(list);
        listItems += items;
        steps += items;
      } else if (block instanceof Paragraph paragraph) {
        String text = InlineText.plain(paragraph);
        if (isLabelled(paragraph, text)) {
          paragraphs.put(paragraph, title(text));
          labelled++;
          steps++;
        } else if ((Instructions.isInstruction(text) || isLead(text)) && isCode(next(blocks, i))) {
          paragraphs.put(paragraph, title(text));
          instructions++;
          steps++;
        } else {
          plain.add(paragraph);
        }
      }
    }
    if (bulletItems >= 2) {
      lists.addAll(bulletLists);
      lists.sort(Comparator.comparingInt(SourceLines::firstLine));
      listItems += bulletItems;
      steps += bulletItems;
    }
    // Where the blocks hold a procedure, the other instructions between its steps are steps too
    // ("Once the rotation is done, stash the new CA."), commands in code spans included.
    // A numbered label or a list item is a step of its own: an instruction after one is part of
    // it, one before the first list is a step.
    int pairs = instructions;
    int firstList = lists.isEmpty() ? Integer.MAX_VALUE : SourceLines.firstLine(lists.get(0));
    if (pairs >= 2 || (steps >= 2 && labelled == 0)) {
      for (Node paragraph : plain) {
        String text = InlineText.plain(paragraph);
        boolean before = pairs >= 2 || SourceLines.firstLine(paragraph) < firstList;
        if (before
            && !namesPart(paragraph)
            && (Instructions.isInstruction(text) || (pairs >= 2 && hasCommandSpan(paragraph)))) {
          paragraphs.put(paragraph, title(text));
          instructions++;
          steps++;
        }
      }
    }
  }

  /**
   * A short line that names an action and hands over to its code: "Creating a backup snapshot:",
   * "Restoring to a new appliance:". Output and examples are not actions.
   */
  static boolean isLead(String text) {
    if (!text.endsWith(":") || text.length() > 200 || text.indexOf('\n') >= 0) {
      return false;
    }
    int end = 0;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    String word = text.substring(0, end).toLowerCase(Locale.ROOT);
    return word.length() > 4 && word.endsWith("ing");
  }

  /**
   * Whether a block opens a group of tabs: {@code === "…"}, {@code <Tabs>}, {@code {{< tabs >}}}.
   */
  static boolean opensTabs(Node block) {
    int line = SourceLines.firstLine(block);
    if (line == 0
        || !(block instanceof Paragraph || block instanceof org.commonmark.node.HtmlBlock)) {
      return false;
    }
    String literal =
        block instanceof org.commonmark.node.HtmlBlock html && html.getLiteral() != null
            ? html.getLiteral()
            : InlineText.plain(block);
    String s = literal.stripLeading().toLowerCase(Locale.ROOT);
    return Variants.isMkdocsTab(s)
        || s.startsWith("<tabs")
        || s.startsWith("{{< tabs")
        || s.startsWith("{{% tabs")
        || s.startsWith("{% tabs");
  }

  private Node next(List<Node> blocks, int i) {
    for (int j = i + 1; j < blocks.size(); j++) {
      if (!variants.contains(blocks.get(j))) {
        return blocks.get(j);
      }
    }
    return null;
  }

  private static boolean isCode(Node block) {
    return block instanceof FencedCodeBlock || block instanceof IndentedCodeBlock;
  }

  /** A list whose items are the operator's actions: at least half of them instruct or hold code. */
  static boolean isStepList(ListBlock list, int fewestBullets) {
    int items = 0;
    int actions = 0;
    for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
      items++;
      if (isAction((ListItem) item)) {
        actions++;
      }
    }
    if (list instanceof OrderedList || ListShapes.isTaskList(list)) {
      return items >= 1 && actions * 2 >= items && (actions > 0 || ListShapes.isTaskList(list));
    }
    // Bullets are often notes: most of them must instruct.
    return list instanceof BulletList && items >= fewestBullets && actions * 2 > items;
  }

  /** Whether most of a list's items tell the operator to do something (not just tick a state). */
  static boolean instructs(ListBlock list) {
    int items = 0;
    int instructions = 0;
    for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
      items++;
      if (item.getFirstChild() instanceof Paragraph paragraph
          && Instructions.isInstruction(stripTask(InlineText.plain(paragraph)))) {
        instructions++;
      }
    }
    return items > 0 && instructions * 2 > items;
  }

  static boolean isAction(ListItem item) {
    Node first = item.getFirstChild();
    if (first instanceof Paragraph paragraph) {
      String text = InlineText.plain(paragraph);
      if (ListShapes.isTask(text) || Instructions.isInstruction(stripTask(text))) {
        return true;
      }
    }
    return holdsCode(item);
  }

  private static String stripTask(String text) {
    return ListShapes.isTask(text) ? text.substring(3).strip() : text;
  }

  private static boolean holdsCode(Node node) {
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      if (isCode(child)
          || (child instanceof ListBlock || child instanceof ListItem) && holdsCode(child)) {
        return true;
      }
    }
    return false;
  }

  /** How many actions a block holds: code blocks, instructions, list items that instruct. */
  static int actions(Node block) {
    if (isCode(block)) {
      return 1;
    }
    if (block instanceof Paragraph paragraph) {
      String text = InlineText.plain(paragraph);
      return Instructions.isInstruction(text) || isLabelled(paragraph, text) ? 1 : 0;
    }
    if (block instanceof ListBlock) {
      int actions = 0;
      for (Node item = block.getFirstChild(); item != null; item = item.getNext()) {
        if (item instanceof ListItem listItem && isAction(listItem)) {
          actions++;
        }
      }
      return actions;
    }
    return 0;
  }

  /**
   * A paragraph that labels a step: it starts in bold with a number or {@code Step N}, or with a
   * capitalised word and a number followed by a colon ({@code Diagnosis 1:}).
   */
  static boolean isLabelled(Paragraph paragraph, String text) {
    boolean bold = paragraph.getFirstChild() instanceof StrongEmphasis;
    String lower = text.toLowerCase(Locale.ROOT);
    int i = 0;
    if (lower.startsWith("step ")) {
      i = 5;
    } else if (!bold) {
      // "Diagnosis 1:": one capitalised word, a number, a colon.
      int word = 0;
      while (word < text.length() && Character.isLetter(text.charAt(word))) {
        word++;
      }
      if (word == 0
          || word > 20
          || !Character.isUpperCase(text.charAt(0))
          || word >= text.length()
          || text.charAt(word) != ' ') {
        return false;
      }
      int digits = word + 1;
      int start = digits;
      while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
        digits++;
      }
      return digits > start && digits < text.length() && text.charAt(digits) == ':';
    }
    int start = i;
    while (i < text.length() && Character.isDigit(text.charAt(i))) {
      i++;
    }
    if (i == start || i >= text.length()) {
      return false;
    }
    char after = text.charAt(i);
    return after == '.' || after == ')' || after == ':' || (start == 5 && after == ' ');
  }

  /** A paragraph that opens with a part's bold label ({@code **Cause:**}): a step's part. */
  private static boolean namesPart(Node paragraph) {
    return paragraph.getFirstChild() instanceof StrongEmphasis bold
        && Labels.part(InlineText.plain(bold)).isPresent();
  }

  private static boolean hasCommandSpan(Node paragraph) {
    for (Node child = paragraph.getFirstChild(); child != null; child = child.getNext()) {
      if (child instanceof Code code && Instructions.isCommand(code.getLiteral())) {
        return true;
      }
    }
    return false;
  }

  /** A paragraph's title: its first line or sentence, without a "Step N:" label. */
  static String title(String text) {
    String title = Labels.stepTitle(text);
    int end = title.indexOf(". ");
    if (end > 0 && end < LONGEST_PARAGRAPH_TITLE) {
      title = title.substring(0, end);
    }
    return ListTitles.title(title, 0, LONGEST_PARAGRAPH_TITLE);
  }

  static Set<Node> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }
}
