package dev.shepherd.runbook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The final pass: every non-blank line of a runbook is in a placement (a step, the introduction, a
 * runbook-wide section, the checklist, the front matter) or in a not-walked range that says why.
 * Lines no reader placed are reported as such, never left out.
 */
final class LineAccount {
  /** The reason given to lines no reader placed: a reader's gap, which tests look for. */
  static final String UNREAD = "not read: no reader placed this line";

  private static final Pattern LINK_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*\\S.*$");

  private final List<Placement> placements = new ArrayList<>();
  private final List<NotWalked> notWalked = new ArrayList<>();

  LineAccount(
      SourceLines lines, int frontMatterEnd, List<Placement> placed, List<NotWalked> skipped) {
    if (frontMatterEnd > 0) {
      placements.add(new Placement(1, frontMatterEnd, "front matter"));
    }
    placements.addAll(placed);
    notWalked.addAll(skipped);
    boolean[] covered = new boolean[lines.count() + 2];
    for (Placement placement : placements) {
      mark(covered, placement.firstLine(), placement.lastLine());
    }
    for (NotWalked range : skipped) {
      mark(covered, range.firstLine(), range.lastLine());
    }
    int start = 0;
    String reason = null;
    for (int line = 1; line <= lines.count() + 1; line++) {
      String why =
          line <= lines.count() && !covered[line] && !lines.line(line).isBlank()
              ? (LINK_DEFINITION.matcher(lines.line(line)).matches()
                  ? "link reference definition: a link's target, not shown"
                  : UNREAD)
              : null;
      if (reason != null && !reason.equals(why)) {
        notWalked.add(new NotWalked(start, line - 1, reason));
        reason = null;
      }
      if (why != null && reason == null) {
        start = line;
        reason = why;
      }
    }
    notWalked.sort(Comparator.comparingInt(NotWalked::firstLine));
  }

  private static void mark(boolean[] covered, int first, int last) {
    for (int line = Math.max(1, first); line <= last && line < covered.length; line++) {
      covered[line] = true;
    }
  }

  List<Placement> placements() {
    return placements;
  }

  List<NotWalked> notWalked() {
    return notWalked;
  }
}
