package dev.shepherd.runbook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;

/**
 * The first pass over a runbook's top-level blocks: which headings are steps, which are
 * runbook-wide sections, which explain, and which lists are steps. The walker then only routes
 * blocks. Four step shapes are told apart, in this order:
 *
 * <ol>
 *   <li>numbered headings ({@code ## 1) …}, {@code ### Step 3: …}) at whatever level most of them
 *       sit, under whatever section;
 *   <li>headings one level under a {@code ## Steps} / {@code ## Procedure} section;
 *   <li>the items of the ordered or task lists of a procedure section, or of a runbook whose only
 *       headings explain (one step per top-level item);
 *   <li>otherwise every top-level heading that neither explains nor names a runbook-wide section.
 * </ol>
 */
final class Outline {
  /** What a top-level heading is. */
  enum Role {
    TITLE,
    STEP,
    WIDE,
    CHECKLIST,
    PROCEDURE,
    INTRO,
    INNER
  }

  /** The shape the steps were found in, for {@code survey} and the no-steps message. */
  enum Shape {
    NUMBERED_HEADINGS,
    PROCEDURE_HEADINGS,
    LIST_ITEMS,
    HEADINGS,
    NONE
  }

  record Decision(Role role, Labels.Region region) {}

  private final Map<Heading, Decision> roles = new IdentityHashMap<>();

  /** Each heading's text, read from its inline nodes once for every reader that asks. */
  private final Map<Heading, String> texts = new IdentityHashMap<>();

  private final Set<Node> stepLists = Collections.newSetFromMap(new IdentityHashMap<>());
  Shape shape = Shape.NONE;

  /** Where parts of a step start ({@code ###} under {@code ##} steps). */
  int partLevel = 3;

  Heading title;

  static Outline of(Node document) {
    Outline outline = new Outline();
    outline.plan(document);
    return outline;
  }

  /** A heading's text without Markdown. */
  String text(Heading heading) {
    return texts.computeIfAbsent(heading, InlineText::plain);
  }

  Decision role(Heading heading) {
    return roles.getOrDefault(heading, new Decision(Role.INNER, null));
  }

  boolean isStepList(Node list) {
    return stepLists.contains(list);
  }

  private void plan(Node document) {
    List<Heading> headings = new ArrayList<>();
    for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
      if (block instanceof Heading heading) {
        if (title == null && heading.getLevel() == 1) {
          title = heading;
          roles.put(heading, new Decision(Role.TITLE, null));
        } else {
          headings.add(heading);
        }
      }
    }
    int[] numbered = new int[7];
    for (Heading heading : headings) {
      if (Labels.numbered(text(heading))) {
        numbered[heading.getLevel()]++;
      }
    }
    int stepLevel = 0;
    for (int level = 1; level <= 6; level++) {
      if (numbered[level] >= 2 && (stepLevel == 0 || numbered[level] > numbered[stepLevel])) {
        stepLevel = level;
      }
    }
    if (stepLevel > 0) {
      numberedHeadings(headings, stepLevel);
    } else if (!procedureHeadings(headings)) {
      plainHeadings(document, headings);
    }
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
  }

  private void numberedHeadings(List<Heading> headings, int stepLevel) {
    shape = Shape.NUMBERED_HEADINGS;
    partLevel = stepLevel + 1;
    // A runbook-wide section's own sub-headings ("### Issue 1: …" under "## Troubleshooting")
    // belong to it, even at the steps' level.
    int enclosing = 0;
    for (Heading heading : headings) {
      String text = text(heading);
      int level = heading.getLevel();
      if (level == stepLevel && Labels.numbered(text)) {
        boolean rollback = Labels.onlyRollback(Labels.stepTitle(text));
        roles.put(
            heading,
            rollback
                ? new Decision(Role.WIDE, Labels.Region.ROLLBACK)
                : new Decision(Role.STEP, null));
        enclosing = 0;
      } else if (enclosing > 0 && level > enclosing) {
        roles.put(heading, new Decision(Role.INNER, null));
      } else if (level <= stepLevel) {
        Decision section = section(text);
        roles.put(heading, section);
        enclosing = section.role() == Role.WIDE || section.role() == Role.CHECKLIST ? level : 0;
      }
    }
  }

  /** Headings one level under a Steps / Procedure section; false when there are none. */
  private boolean procedureHeadings(List<Heading> headings) {
    int container = 0;
    boolean found = false;
    for (Heading heading : headings) {
      int level = heading.getLevel();
      String text = text(heading);
      if (container > 0 && level == container + 1) {
        Decision section = section(text);
        roles.put(
            heading,
            section.role() == Role.WIDE || section.role() == Role.CHECKLIST
                ? section
                : new Decision(Role.STEP, null));
        found = true;
      } else if (container == 0 || level <= container) {
        Decision section = section(text);
        container = section.role() == Role.PROCEDURE ? level : 0;
        roles.put(heading, section);
      }
    }
    if (!found) {
      roles.keySet().removeIf(h -> roles.get(h).role() != Role.TITLE);
      return false;
    }
    shape = Shape.PROCEDURE_HEADINGS;
    partLevel =
        headings.stream()
                .filter(h -> role(h).role() == Role.STEP)
                .mapToInt(Heading::getLevel)
                .min()
                .orElse(2)
            + 1;
    return true;
  }

  /** The plain dialect: top-level headings are steps, unless a list is the procedure. */
  private void plainHeadings(Node document, List<Heading> headings) {
    // A second # heading is a title too, never a step: steps start at ##, or deeper when the
    // runbook has no ## at all.
    int top = Math.max(2, headings.stream().mapToInt(Heading::getLevel).min().orElse(2));
    partLevel = top + 1;
    List<Heading> candidates = new ArrayList<>();
    List<Heading> procedures = new ArrayList<>();
    for (Heading heading : headings) {
      if (heading.getLevel() != top) {
        continue;
      }
      Decision section = section(text(heading));
      roles.put(heading, section);
      if (section.role() == Role.PROCEDURE) {
        procedures.add(heading);
      } else if (section.role() == Role.INTRO && !Labels.explanatory(text(heading))) {
        candidates.add(heading);
      }
    }
    if (procedures.isEmpty()
        && candidates.size() == 1
        && !Labels.numbered(text(candidates.get(0)))
        && !listsIn(document, candidates.get(0), top).isEmpty()
        && ListShapes.isOnlyLists(candidates.get(0), top)) {
      procedures.add(candidates.get(0));
      roles.put(candidates.get(0), new Decision(Role.PROCEDURE, Labels.Region.STEPS));
      candidates.clear();
    }
    if (!procedures.isEmpty()) {
      for (Heading procedure : procedures) {
        stepLists.addAll(listsIn(document, procedure, top));
      }
    } else if (candidates.isEmpty()) {
      stepLists.addAll(listsIn(document, null, top));
    } else {
      candidates.forEach(h -> roles.put(h, new Decision(Role.STEP, null)));
      shape = Shape.HEADINGS;
      return;
    }
    shape = stepLists.isEmpty() ? Shape.NONE : Shape.LIST_ITEMS;
  }

  /**
   * The step lists of a section ({@code null}: the text before the first heading but the title):
   * its ordered and task lists, or its bullet lists when it has neither.
   */
  private List<Node> listsIn(Node document, Heading from, int top) {
    List<Node> ordered = new ArrayList<>();
    List<Node> bullets = new ArrayList<>();
    Node block = from == null ? document.getFirstChild() : from.getNext();
    for (; block != null; block = block.getNext()) {
      if (block instanceof Heading heading) {
        if (from == null && heading == title) {
          continue;
        }
        if (from == null || heading.getLevel() <= top) {
          break;
        }
        continue;
      }
      if (block instanceof org.commonmark.node.OrderedList || ListShapes.isTaskList(block)) {
        ordered.add(block);
      } else if (block instanceof org.commonmark.node.BulletList) {
        bullets.add(block);
      }
    }
    if (!ordered.isEmpty()) {
      return ordered.size() == 1 && ListShapes.items(ordered.get(0)) < 2 ? List.of() : ordered;
    }
    // Bullets are steps only under a heading that names a procedure, and only as one list.
    return bullets.size() == 1 && ListShapes.items(bullets.get(0)) >= 2 && from != null
        ? bullets
        : List.of();
  }

  /** A heading that is not a step: a runbook-wide section, the checklist, a procedure or prose. */
  private static Decision section(String text) {
    // Called for most headings: the vocabulary's patterns run once per heading.
    Labels.Region region = Labels.region(text).orElse(null);
    if (region == null) {
      return new Decision(Role.INTRO, null);
    }
    return switch (region) {
      case STEPS -> new Decision(Role.PROCEDURE, region);
      case PREREQUISITES -> new Decision(Role.CHECKLIST, region);
      default -> new Decision(Role.WIDE, region);
    };
  }
}
