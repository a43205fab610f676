package dev.shepherd.runbook;

import dev.shepherd.runbook.procedure.Instructions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;

/**
 * The first pass over a runbook: where its procedure is. The headings make a tree of sections; each
 * section is judged by where the actions are (commands, instructions, numbering) against what
 * explains, and the segmentation that covers the actions is taken:
 *
 * <ul>
 *   <li>headings numbered like steps ({@code ### 2. …}, {@code ## Step 3:}) at the level most of
 *       them sit are steps, with what is under them;
 *   <li>a section whose own text holds a procedure (the items of its step lists, labelled
 *       paragraphs, instructions each with its code: see {@link Segments}) gives those steps, and
 *       its heading becomes their group;
 *   <li>a section whose sub-sections hold the actions is a group of them, unless the sub-sections
 *       are alternatives ("Upgrade with Helm", "Upgrade with kubectl"): then it is one step;
 *   <li>any other section with an action in it is one step; a section without one explains.
 * </ul>
 *
 * Sections that explain (overview, meaning, impact, why, limitations, FAQ, related, a run of
 * version notes) are the introduction; rollback, troubleshooting and verification sections are
 * runbook-wide; tabs and options after the first are variants of the step they sit in. The walker
 * then only routes blocks.
 */
final class Outline {
  /** What a heading is. */
  enum Role {
    TITLE,
    STEP,
    WIDE,
    CHECKLIST,
    PROCEDURE,
    INTRO,
    /** A rollback, verification or troubleshooting section of the steps just before it. */
    PART,
    INNER
  }

  /** The shape the steps were found in, for {@code survey} and the no-steps message. */
  enum Shape {
    NUMBERED_HEADINGS,
    PROCEDURE_HEADINGS,
    LIST_ITEMS,
    HEADINGS,
    PARAGRAPHS,
    MIXED,
    NONE
  }

  record Decision(Role role, Labels.Region region) {}

  private static final Decision INNER = new Decision(Role.INNER, null);

  /** One heading and what it holds: its own blocks, then its sub-sections. */
  private static final class Sec {
    final Heading heading;
    final int level;
    final List<Node> own = new ArrayList<>();
    final List<Sec> kids = new ArrayList<>();
    int actions = -1;

    Sec(Heading heading, int level) {
      this.heading = heading;
      this.level = level;
    }
  }

  private final Map<Heading, Decision> roles = new IdentityHashMap<>();
  private final Map<Heading, String> texts = new IdentityHashMap<>();
  private final Set<Node> stepLists = Segments.identitySet();
  private final Map<Node, String> stepParagraphs = new IdentityHashMap<>();
  private final Set<Node> variants;
  private final Set<Node> forced;
  private int numberedLevel;
  private final boolean[] kinds = new boolean[4];

  Shape shape = Shape.NONE;

  /** Where parts of a step start ({@code ###} under {@code ##} steps), for heading steps. */
  int partLevel = 3;

  Heading title;

  private Outline(Set<Node> variants, Set<Node> forced) {
    this.variants = variants;
    this.forced = forced;
  }

  /**
   * @param variants the top-level blocks that are alternatives of a step (tabs, later options)
   * @param forced the sections a hint names as the procedure: their heading's blocks
   */
  static Outline of(Node document, Set<Node> variants, Set<Node> forced) {
    Outline outline = new Outline(variants, forced);
    outline.plan(document);
    return outline;
  }

  static Outline of(Node document) {
    return of(document, Segments.identitySet(), Segments.identitySet());
  }

  /** A heading's text without Markdown. */
  String text(Heading heading) {
    return texts.computeIfAbsent(heading, h -> withoutAnchor(InlineText.plain(h)));
  }

  /** A heading's text without a trailing {@code {#anchor}} id (Docusaurus, kramdown, Hugo). */
  static String withoutAnchor(String text) {
    if (!text.endsWith("}")) {
      return text;
    }
    int open = text.lastIndexOf("{#");
    return open > 0 ? text.substring(0, open).strip() : text;
  }

  Decision role(Heading heading) {
    return roles.getOrDefault(heading, INNER);
  }

  boolean isStepList(Node list) {
    return stepLists.contains(list);
  }

  /** The title of the step a paragraph starts, or null when it starts none. */
  String stepParagraph(Node paragraph) {
    return stepParagraphs.get(paragraph);
  }

  boolean isVariant(Node block) {
    return variants.contains(block);
  }

  private void plan(Node document) {
    options(document);
    Sec root = new Sec(null, 0);
    List<Sec> stack = new ArrayList<>();
    stack.add(root);
    List<Heading> headings = new ArrayList<>();
    for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
      if (block instanceof Heading heading && !variants.contains(block)) {
        if (title == null && heading.getLevel() == 1 && headings.isEmpty()) {
          title = heading;
          roles.put(heading, new Decision(Role.TITLE, null));
          continue;
        }
        headings.add(heading);
        while (stack.size() > 1 && stack.get(stack.size() - 1).level >= heading.getLevel()) {
          stack.remove(stack.size() - 1);
        }
        Sec sec = new Sec(heading, heading.getLevel());
        stack.get(stack.size() - 1).kids.add(sec);
        stack.add(sec);
      } else {
        stack.get(stack.size() - 1).own.add(block);
      }
    }
    int[] numbered = new int[7];
    for (Heading heading : headings) {
      if (Labels.numbered(text(heading))) {
        numbered[heading.getLevel()]++;
      }
    }
    for (int level = 1; level <= 6; level++) {
      if (numbered[level] >= 2
          && (numberedLevel == 0 || numbered[level] > numbered[numberedLevel])) {
        numberedLevel = level;
      }
    }
    planSection(root, false);
    // No # at all: the first heading, above every step, is the title ("### Renew the CA" over
    // "#### Step 1: …").
    if (title == null && !headings.isEmpty() && role(headings.get(0)).role() == Role.INTRO) {
      int first = headings.get(0).getLevel();
      boolean above =
          headings.stream()
              .filter(h -> role(h).role() == Role.STEP)
              .allMatch(h -> h.getLevel() > first);
      if (above && headings.stream().anyMatch(h -> role(h).role() == Role.STEP)) {
        title = headings.get(0);
        roles.put(title, new Decision(Role.TITLE, null));
      }
    }
    shape = shape();
    partLevel =
        headings.stream()
                .filter(h -> role(h).role() == Role.STEP)
                .mapToInt(Heading::getLevel)
                .min()
                .orElse(2)
            + 1;
  }

  private Shape shape() {
    int used = 0;
    Shape only = Shape.NONE;
    Shape[] names = {Shape.NUMBERED_HEADINGS, Shape.HEADINGS, Shape.LIST_ITEMS, Shape.PARAGRAPHS};
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i]) {
        used++;
        only = names[i];
      }
    }
    return used > 1 ? Shape.MIXED : only;
  }

  /** What a section's heading names, before its content is looked at. */
  private enum Kind {
    NEUTRAL,
    PROCEDURE,
    WIDE,
    CHECKLIST,
    EXPLAIN
  }

  private Kind kind(Sec sec) {
    if (sec.heading == null || forced.contains(sec.heading)) {
      return sec.heading == null ? Kind.NEUTRAL : Kind.PROCEDURE;
    }
    String text = text(sec.heading);
    Labels.Region region = Labels.region(text).orElse(null);
    if (region == Labels.Region.TROUBLESHOOTING && Labels.investigates(text)) {
      // An alert runbook's Diagnosis: its checks are steps when it has any.
      return actions(sec) > 0 ? Kind.NEUTRAL : Kind.WIDE;
    }
    if (region == Labels.Region.PREREQUISITES && instructs(sec)) {
      // "### Prerequisites" / "- [ ] Check the migration notes": tasks to do, not states to tick.
      return Kind.NEUTRAL;
    }
    if (region != null) {
      return switch (region) {
        case STEPS -> Kind.PROCEDURE;
        case PREREQUISITES -> Kind.CHECKLIST;
        default -> Kind.WIDE;
      };
    }
    return Labels.explanatory(text) ? Kind.EXPLAIN : Kind.NEUTRAL;
  }

  private boolean instructs(Sec sec) {
    for (Node block : sec.own) {
      if (block instanceof org.commonmark.node.ListBlock list && Segments.instructs(list)) {
        return true;
      }
    }
    return false;
  }

  /** The actions under a section, its own heading's included. */
  private int actions(Sec sec) {
    if (sec.actions >= 0) {
      return sec.actions;
    }
    int count = sec.heading != null && Instructions.namesAction(text(sec.heading)) ? 1 : 0;
    for (Node block : sec.own) {
      if (!variants.contains(block)) {
        count += Segments.actions(block);
      }
    }
    for (Sec kid : sec.kids) {
      count += actions(kid);
    }
    sec.actions = count;
    return count;
  }

  private boolean holdsNumberedSteps(Sec sec) {
    for (Sec kid : sec.kids) {
      if (isNumberedStep(kid) || holdsNumberedSteps(kid)) {
        return true;
      }
    }
    return false;
  }

  private boolean isNumberedStep(Sec sec) {
    return sec.level == numberedLevel && Labels.numbered(text(sec.heading));
  }

  /** Plans a neutral or procedure section; returns how many steps it gave. */
  private int planSection(Sec sec, boolean inProcedure) {
    List<Sec> numberedKids = new ArrayList<>();
    List<Sec> planned = new ArrayList<>();
    List<Sec> reference = versionNotes(sec.kids);
    for (Sec kid : sec.kids) {
      if (reference.contains(kid)) {
        mark(kid, new Decision(Role.INTRO, null));
        continue;
      }
      if (isNumberedStep(kid) || (numberedLevel == 0 && Labels.numbered(text(kid.heading)))) {
        // "## Step 1: Rotate the keys": numbered as a step, a step whatever it holds.
        numberedKids.add(kid);
        continue;
      }
      Kind kind = kind(kid);
      if (kind == Kind.WIDE && holdsNumberedSteps(kid)) {
        // "## Troubleshooting a failed request" over "### 1. Check the Certificate": the
        // numbered sub-sections are the procedure.
        kind = Kind.NEUTRAL;
      }
      switch (kind) {
        case WIDE -> mark(kid, wide(kid));
        case CHECKLIST -> mark(kid, wide(kid));
        case EXPLAIN -> mark(kid, new Decision(Role.INTRO, null));
        default -> planned.add(kid);
      }
    }
    List<Sec> actionable = planned.stream().filter(k -> actions(k) > 0).toList();
    Segments own = Segments.of(sec.own, variants, kind(sec) == Kind.PROCEDURE, forced);
    if (!actionable.isEmpty() && own.strong() && summarises(own, actionable)) {
      // "- import definitions; - configure federation" over "### Importing Definitions" and
      // "### Configuring Queue Federation": a summary of the steps below, not steps of its own.
      own = Segments.of(List.of(), variants);
    }
    boolean ownSteps =
        own.strong()
            || (sec.heading == null && own.steps > 0)
            || own.lists.stream().anyMatch(forced::contains);
    if (numberedKids.isEmpty() && actionable.isEmpty()) {
      boolean tabs = sec.own.stream().anyMatch(Segments::opensTabs);
      if (sec.heading != null && tabs && actions(sec) > 0 && numberedLevel == 0) {
        // Tabs per platform: one step whatever the tab; the default tab's text is its text.
        step(sec);
        return 1;
      }
      if (sec.heading != null && wholeSteps.contains(sec)) {
        step(sec);
        return 1;
      }
      if (inProcedure && sec.heading != null && numberedLevel == 0 && own.labelled < 2) {
        // "## Steps" / "### Install the agent": the sub-section is the step, its lists its text.
        step(sec);
        return 1;
      }
      if (ownSteps) {
        take(own);
        group(sec, Role.PROCEDURE);
        planned.forEach(k -> planSection(k, false));
        return own.steps;
      }
      if (sec.heading != null
          && (actions(sec) > 0 || inProcedure)
          && (numberedLevel == 0 || forced.contains(sec.heading))) {
        step(sec);
        return 1;
      }
      if (sec.heading != null) {
        roles.put(sec.heading, new Decision(Role.INTRO, null));
      }
      planned.forEach(k -> planSection(k, kind(sec) == Kind.PROCEDURE));
      return 0;
    }
    if (sec.heading != null
        && numberedKids.isEmpty()
        && !ownSteps
        && actionable.size() >= 2
        && alternatives(actionable)) {
      step(sec);
      return 1;
    }
    group(sec, kind(sec) == Kind.PROCEDURE ? Role.PROCEDURE : Role.INTRO);
    int steps = 0;
    if (sec.heading != null
        && sec.own.stream().anyMatch(Segments::opensTabs)
        && sec.own.stream().anyMatch(b -> Segments.actions(b) > 0)) {
      // Its own tabs are one step; its sub-sections follow it.
      roles.put(sec.heading, new Decision(Role.STEP, null));
      kinds[1] = true;
      ownSteps = false;
      steps++;
    }
    uniform(planned);
    if (ownSteps) {
      take(own);
      steps += own.steps;
    }
    for (Sec kid : sec.kids) {
      if (numberedKids.contains(kid)) {
        if (Labels.onlyRollback(Labels.stepTitle(text(kid.heading)))) {
          mark(kid, new Decision(Role.WIDE, Labels.Region.ROLLBACK));
        } else {
          step(kid);
          steps++;
        }
      } else if (planned.contains(kid)) {
        steps += planSection(kid, kind(sec) == Kind.PROCEDURE);
      } else if (sec.heading != null && steps > 0 && role(kid.heading).role() == Role.WIDE) {
        // "## WorkerCrashLooping" / "### Diagnosis" / "### Rollback": the rollback of this
        // group's steps, not of the whole runbook.
        roles.put(kid.heading, new Decision(Role.PART, role(kid.heading).region()));
      }
    }
    return steps;
  }

  /**
   * Option headings after the first ("## Option B: …", "### Alternative 2"): variants of the
   * procedure the first option holds, with everything under them.
   */
  private void options(Node document) {
    int firstLevel = 0;
    int variantLevel = 0;
    for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
      if (block instanceof Heading heading) {
        int level = heading.getLevel();
        boolean option = isOption(text(heading));
        if (option && firstLevel == 0) {
          firstLevel = level;
          variantLevel = 0;
        } else if (option) {
          variantLevel = variantLevel == 0 ? level : Math.min(variantLevel, level);
        } else if (variantLevel > 0 && level <= variantLevel) {
          variantLevel = 0;
          if (level < firstLevel) {
            firstLevel = 0;
          }
        } else if (firstLevel > 0 && level < firstLevel) {
          firstLevel = 0;
        }
      }
      if (variantLevel > 0) {
        variants.add(block);
      }
    }
  }

  /** "Option A", "Option 2:", "Alternative B", "Method 1" at the start of a heading. */
  static boolean isOption(String heading) {
    String text = heading.strip().toLowerCase(Locale.ROOT);
    for (String word : new String[] {"option ", "alternative ", "method ", "approach "}) {
      if (text.startsWith(word) && text.length() > word.length()) {
        char c = text.charAt(word.length());
        boolean single =
            text.length() == word.length() + 1
                || !Character.isLetterOrDigit(text.charAt(word.length() + 1));
        return Character.isDigit(c) || (Character.isLetter(c) && single);
      }
    }
    return false;
  }

  /** Sections that are one step because their siblings are: see {@link #uniform}. */
  private final Set<Sec> wholeSteps = Collections.newSetFromMap(new IdentityHashMap<>());

  /**
   * Sibling sections read alike: where two or more are one step each and the others split only into
   * instructions with their code (no list, no labels), those are one step each too.
   */
  private void uniform(List<Sec> siblings) {
    List<Sec> whole = new ArrayList<>();
    List<Sec> split = new ArrayList<>();
    for (Sec sibling : siblings) {
      if (actions(sibling) == 0 || sibling.kids.stream().anyMatch(k -> actions(k) > 0)) {
        continue;
      }
      Segments own = Segments.of(sibling.own, variants);
      if (!own.strong()) {
        whole.add(sibling);
      } else if (own.lists.isEmpty() && own.labelled == 0) {
        split.add(sibling);
      } else {
        return;
      }
    }
    if (whole.size() >= 2) {
      wholeSteps.addAll(split);
    }
  }

  /** Whether most of a section's list items name one of its sub-sections, by their first word. */
  private boolean summarises(Segments own, List<Sec> kids) {
    if (!own.paragraphs.isEmpty()) {
      return false;
    }
    Set<String> stems = new HashSet<>();
    for (Sec kid : kids) {
      stems.add(stem(text(kid.heading)));
    }
    int items = 0;
    int named = 0;
    for (Node list : own.lists) {
      for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
        items++;
        if (item.getFirstChild() != null
            && stems.contains(stem(InlineText.plain(item.getFirstChild())))) {
          named++;
        }
      }
    }
    return items > 0 && named * 2 >= items;
  }

  /** The first five letters of a text's first word, lower-cased: "Importing" and "import". */
  private static String stem(String text) {
    String word = text.strip().toLowerCase(Locale.ROOT);
    int end = 0;
    while (end < word.length() && Character.isLetter(word.charAt(end))) {
      end++;
    }
    return word.substring(0, Math.min(end, 5));
  }

  private Decision wide(Sec sec) {
    Labels.Region region = Labels.region(text(sec.heading)).orElse(Labels.Region.TROUBLESHOOTING);
    return region == Labels.Region.PREREQUISITES
        ? new Decision(Role.CHECKLIST, region)
        : new Decision(Role.WIDE, region);
  }

  private void group(Sec sec, Role role) {
    if (sec.heading != null) {
      roles.put(
          sec.heading,
          role == Role.PROCEDURE
              ? new Decision(Role.PROCEDURE, Labels.Region.STEPS)
              : new Decision(Role.INTRO, null));
    }
  }

  private void take(Segments segments) {
    stepLists.addAll(segments.lists);
    stepParagraphs.putAll(segments.paragraphs);
    kinds[2] |= !segments.lists.isEmpty();
    kinds[3] |= !segments.paragraphs.isEmpty();
  }

  /** A section that is one step: its sub-headings are its parts or its text. */
  private void step(Sec sec) {
    roles.put(sec.heading, new Decision(Role.STEP, null));
    kinds[numberedLevel > 0 && isNumberedStep(sec) ? 0 : 1] = true;
    for (Sec kid : sec.kids) {
      inner(kid);
    }
  }

  private void inner(Sec sec) {
    roles.put(sec.heading, INNER);
    for (Sec kid : sec.kids) {
      inner(kid);
    }
  }

  /** A section and everything under it, with one role for its heading. */
  private void mark(Sec sec, Decision decision) {
    roles.put(sec.heading, decision);
    for (Sec kid : sec.kids) {
      inner(kid);
    }
  }

  /**
   * Sub-sections that are alternatives of one action: they share their first words up to a
   * preposition ("Upgrade with Git", "Upgrade with Helm"), or each names a way ("Using Helm", "Via
   * the console", "With Terraform", "For systemd").
   */
  private boolean alternatives(List<Sec> kids) {
    String shared = null;
    boolean ways = true;
    for (Sec kid : kids) {
      String text = Labels.normalise(text(kid.heading));
      String prefix = prepositionPrefix(text);
      ways &= prefix != null && prefix.indexOf(' ') < 0;
      if (prefix == null) {
        return false;
      }
      if (shared == null) {
        shared = prefix;
      } else if (!shared.equals(prefix) && !ways) {
        return false;
      }
    }
    return true;
  }

  private static final Set<String> WAYS = Set.of("with", "using", "via", "for", "on", "through");

  /** The words of a heading up to and including its first preposition of manner, or null. */
  private static String prepositionPrefix(String text) {
    String[] words = text.split(" ", 4);
    for (int i = 0; i < Math.min(words.length - 1, 3); i++) {
      if (WAYS.contains(words[i])) {
        return String.join(" ", Arrays.copyOfRange(words, 0, i + 1));
      }
    }
    return null;
  }

  /** Three sections or more whose headings name a version: release notes, read for reference. */
  private List<Sec> versionNotes(List<Sec> kids) {
    List<Sec> notes = new ArrayList<>();
    for (Sec kid : kids) {
      if (namesVersion(text(kid.heading))) {
        notes.add(kid);
      }
    }
    return notes.size() >= 3 ? notes : List.of();
  }

  /** Whether a heading names a version: {@code v1.2}, {@code 1.17.1}, {@code [2.0.0]}. */
  static boolean namesVersion(String heading) {
    String text = heading.toLowerCase(Locale.ROOT);
    int parenthesis = text.indexOf('(');
    // "Patch release (v2.11.51)" is a kind of release with an example, not a version's notes.
    text = parenthesis >= 0 ? text.substring(0, parenthesis) : text;
    for (int i = 0; i + 2 < text.length(); i++) {
      char c = text.charAt(i);
      boolean start =
          i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == 'v';
      if (start && Character.isDigit(c)) {
        int j = i;
        while (j < text.length() && Character.isDigit(text.charAt(j))) {
          j++;
        }
        if (j + 1 < text.length()
            && text.charAt(j) == '.'
            && Character.isDigit(text.charAt(j + 1))) {
          return true;
        }
        i = j;
      }
    }
    return unreleased(text);
  }

  private static boolean unreleased(String text) {
    String t = text.replace("[", "").replace("]", "").strip();
    return t.equals("unreleased") || t.startsWith("unreleased ");
  }
}
