package dev.shepherd.lint;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.SourceLines;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lines of a runbook as its author wrote them, for the rules that look for literals: every line
 * an operator is shown (prose, commands, tables, checklists, the title), but not the front matter
 * keys that are never rendered ({@code id}, {@code approvers}, {@code partitions}…).
 */
final class RunbookText {
  /** Front matter keys whose values are rendered for a partition and shown. */
  private static final Set<String> RENDERED_KEYS = Set.of("title", "checklist");

  private static final Pattern ALLOW =
      Pattern.compile("<!--\\s*shepherd:\\s*allow\\s+(.*?)\\s*-->", Pattern.CASE_INSENSITIVE);

  private RunbookText() {}

  /**
   * One shown line.
   *
   * @param number the file line
   * @param text the line without its allow comments
   * @param allowed the literals an allow comment on this line or the one before permits
   */
  record Line(int number, String text, Set<String> allowed) {}

  /** Each runbook's lines, made once per lint: several rules read every line of every runbook. */
  public static final class Cache {
    private final Map<Runbook, List<Line>> lines =
        Collections.synchronizedMap(new IdentityHashMap<>());

    Cache() {}

    List<Line> lines(Runbook runbook) {
      // Made outside the lock: rules on two threads may each make a runbook's lines once, but
      // neither waits while the other makes them (computeIfAbsent would hold the lock).
      List<Line> made = lines.get(runbook);
      if (made != null) {
        return made;
      }
      made = RunbookText.lines(runbook);
      List<Line> earlier = lines.putIfAbsent(runbook, made);
      return earlier == null ? made : earlier;
    }

    @Override
    public String toString() {
      return "lines of " + lines.size() + " runbooks";
    }
  }

  static List<Line> lines(Runbook runbook) {
    String[] raw = SourceLines.split(runbook.source());
    boolean[] shown = shown(raw, runbook.fieldLines());
    List<Line> lines = new ArrayList<>();
    List<String> before = List.of();
    for (int i = 0; i < raw.length; i++) {
      List<String> here = allowed(raw[i]);
      if (shown[i] && !raw[i].isBlank()) {
        String text = mayAllow(raw[i]) ? ALLOW.matcher(raw[i]).replaceAll("") : raw[i];
        lines.add(new Line(i + 1, text, allowedHere(here, before)));
      }
      before = here;
    }
    return lines;
  }

  /** What a line's own allow comments and the line before's permit; most lines have none. */
  private static Set<String> allowedHere(List<String> here, List<String> before) {
    if (here.isEmpty() && before.isEmpty()) {
      return Set.of();
    }
    Set<String> allowed = new LinkedHashSet<>(here);
    allowed.addAll(before);
    return Set.copyOf(allowed);
  }

  /** Only a line holding an HTML comment can hold an allow comment: most lines skip the pattern. */
  private static boolean mayAllow(String line) {
    return line.contains("<!--");
  }

  /** The literals {@code <!-- shepherd: allow a, b -->} comments on a line permit. */
  static List<String> allowed(String line) {
    if (!mayAllow(line)) {
      return List.of();
    }
    List<String> allowed = new ArrayList<>();
    Matcher matcher = ALLOW.matcher(line);
    while (matcher.find()) {
      Arrays.stream(matcher.group(1).split("[\\s,]+"))
          .filter(s -> !s.isEmpty())
          .forEach(allowed::add);
    }
    return allowed;
  }

  /**
   * Which lines are shown: the body, and in the front matter (found the way the parser finds it)
   * the lines of the rendered keys, from a key's line to the next key's.
   */
  private static boolean[] shown(String[] raw, Map<String, Integer> keyLines) {
    boolean[] shown = new boolean[raw.length];
    int closing = frontMatterEnd(raw);
    for (int i = closing + 1; i < raw.length; i++) {
      shown[i] = true;
    }
    if (closing < 0) {
      return shown;
    }
    List<Map.Entry<String, Integer>> keys =
        keyLines.entrySet().stream().sorted(Map.Entry.comparingByValue()).toList();
    for (int k = 0; k < keys.size(); k++) {
      if (!RENDERED_KEYS.contains(keys.get(k).getKey())) {
        continue;
      }
      int from = keys.get(k).getValue();
      int to = k + 1 < keys.size() ? keys.get(k + 1).getValue() : closing + 1;
      for (int line = from; line < to && line - 1 < closing; line++) {
        shown[line - 1] = true;
      }
    }
    return shown;
  }

  /** The index of the line closing the front matter, or -1 when there is none. */
  private static int frontMatterEnd(String[] raw) {
    if (raw.length == 0 || !raw[0].strip().equals("---")) {
      return -1;
    }
    for (int i = 1; i < raw.length; i++) {
      String line = raw[i].strip();
      if (line.equals("---") || line.equals("...")) {
        return i;
      }
    }
    return -1;
  }
}
