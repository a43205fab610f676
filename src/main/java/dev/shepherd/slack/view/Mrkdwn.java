package dev.shepherd.slack.view;

import dev.shepherd.format.FreeText;
import dev.shepherd.format.Times;
import dev.shepherd.rollout.UserGroups;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;

/**
 * Slack's {@code mrkdwn}: escaping, GitHub Markdown converted line by line, user and channel
 * mentions, dates. Line by line on purpose: line {@code i} of a converted text is line {@code i} of
 * its source, so a cut text can point at the file line where it was cut.
 */
public final class Mrkdwn {
  // DOTALL: a line is already cut at \r and \n, and a U+2028 that "." refused made the matcher
  // back off over every blank before it (quadratic; the heading's two optional groups, cubic).
  private static final Pattern FENCE_OPEN =
      Pattern.compile("^(\\s*)(`{3,}(?=[^`]*$)|~{3,}).*$", Pattern.DOTALL);
  private static final Pattern QUOTE = Pattern.compile("^ {0,3}>[ ]?");
  private static final Pattern BULLET = Pattern.compile("^(\\s*)[-*+][ \\t]+(.*)$", Pattern.DOTALL);
  private static final Pattern TASK = Pattern.compile("^\\[([ xX])\\][ \\t]+(.*)$", Pattern.DOTALL);
  private static final Pattern NUMBERED =
      Pattern.compile("^(\\s*)(\\d{1,9})[.)][ \\t]+(.*)$", Pattern.DOTALL);
  private static final Pattern USER =
      Pattern.compile("(?<![A-Za-z0-9_@<&])@([UW][A-Z0-9]{2,})(?![A-Za-z0-9_])");
  private static final Pattern CHANNEL =
      Pattern.compile("(?<![A-Za-z0-9_#<&])#(C[A-Z0-9]{2,})(?![A-Za-z0-9_])");

  /**
   * A line longer than this is data (a pasted log, a key), not prose, and is shown as written:
   * commonmark's inline parsing grows with the square of a line full of {@code <} or {@code [}.
   */
  private static final int LONGEST_PROSE_LINE = 2000;

  /** Paragraphs only: block structure is read line by line here, inlines by commonmark. */
  private static final Parser INLINES = Parser.builder().enabledBlockTypes(Set.of()).build();

  private Mrkdwn() {}

  /** {@code &}, {@code <} and {@code >} as Slack wants them in any mrkdwn text, code included. */
  public static String escape(String text) {
    Objects.requireNonNull(text, "text");
    if (text.indexOf('&') < 0 && text.indexOf('<') < 0 && text.indexOf('>') < 0) {
      return text;
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * GitHub Markdown as Slack mrkdwn, escaped: {@code **b**}/{@code __b__} → {@code *b*}, {@code
   * *i*}/{@code _i_} → {@code _i_}, {@code [t](https://u)} → {@code <https://u|t>} (a relative link
   * stays readable as {@code t (u)}), headings → a bold line, fences keep their content and lose
   * their language word (an unclosed fence is closed), inline code is kept, bullets become {@code
   * •}. One output line per input line, plus a closing fence when one was missing.
   */
  public static String fromMarkdown(String markdown) {
    Objects.requireNonNull(markdown, "markdown");
    String[] lines = markdown.split("\r\n|\r|\n", -1);
    StringBuilder out = new StringBuilder(markdown.length() + 16);
    Fence fence = null;
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        out.append('\n');
      }
      String line = lines[i];
      if (fence != null) {
        if (fence.closedBy(line)) {
          out.append("```");
          fence = null;
        } else {
          out.append(escape(fence.content(line)));
        }
        continue;
      }
      Matcher open = FENCE_OPEN.matcher(line);
      if (open.matches()) {
        fence = new Fence(open.group(2).charAt(0), open.group(2).length(), open.group(1).length());
        out.append("```");
      } else {
        out.append(line(line));
      }
    }
    if (fence != null) {
      out.append("\n```");
    }
    return out.toString();
  }

  /**
   * A domain message (plain text naming users as {@code @U0ALICE} and channels as {@code
   * #C0DEPLOY}) as mrkdwn: escaped, with Slack-shaped ids turned into real mentions.
   */
  public static String mentions(String domainText) {
    String escaped = escape(domainText);
    String users = USER.matcher(escaped).replaceAll("<@$1>");
    return CHANNEL.matcher(users).replaceAll("<#$1>");
  }

  /**
   * Text a person wrote (a reason, a note, a symptom, a fix) as mrkdwn: escaped, and nothing in it
   * a mention or a broadcast ({@link FreeText#inert}), whatever it looks like.
   */
  public static String freeText(String written) {
    return escape(FreeText.inert(Objects.requireNonNull(written, "written")));
  }

  /** Markdown a person wrote (a freeze reason) as mrkdwn, with no mention or broadcast in it. */
  public static String freeMarkdown(String written) {
    return fromMarkdown(FreeText.inert(Objects.requireNonNull(written, "written")));
  }

  /** A mention of a user id ({@code U0ALICE} → {@code <@U0ALICE>}). */
  public static String user(String userId) {
    Objects.requireNonNull(userId, "userId");
    // An approver may be a user group: by id a real group mention, by handle its name.
    if (userId.startsWith("@")) {
      return escape(userId);
    }
    if (UserGroups.GROUP_ID.matcher(userId).matches()) {
      return "<!subteam^" + escape(userId) + ">";
    }
    return "<@" + escape(userId) + ">";
  }

  /** Mentions of several users, comma separated; {@code none} when there are none. */
  public static String users(Collection<String> userIds) {
    return userIds.isEmpty()
        ? "none"
        : userIds.stream().map(Mrkdwn::user).collect(Collectors.joining(", "));
  }

  /**
   * A time every reader sees in their own time zone, with a UTC fallback for clients that cannot
   * format it: {@code <!date^1795770000^{date_short_pretty} {time}|2026-11-27 09:00 UTC>}.
   */
  public static String date(Instant at) {
    return "<!date^"
        + at.getEpochSecond()
        + "^{date_short_pretty} {time}|"
        + Times.format(at)
        + ">";
  }

  /** One line of inline Markdown as mrkdwn; inside bold text, bold is not opened again. */
  static String inline(String markdown, boolean insideBold) {
    return inlines(joinLines(markdown.strip()), insideBold);
  }

  /**
   * Each run of blanks holding a line break as one space, in one pass ({@code \\s*\\R\\s*} went
   * back over every blank of a long run without a break).
   */
  private static String joinLines(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (!isBlankOrBreak(c)) {
        out.append(c);
        i++;
        continue;
      }
      int end = i;
      boolean breaks = false;
      while (end < text.length() && isBlankOrBreak(text.charAt(end))) {
        breaks |= isBreak(text.charAt(end));
        end++;
      }
      out.append(breaks ? " " : text.substring(i, end));
      i = end;
    }
    return out.toString();
  }

  private static boolean isBreak(char c) {
    return c == '\n'
        || c == '\r'
        || c == '\u000B'
        || c == '\f'
        || c == '\u0085'
        || c == '\u2028'
        || c == '\u2029';
  }

  private static boolean isBlankOrBreak(char c) {
    return c == ' ' || c == '\t' || isBreak(c);
  }

  /**
   * An ATX heading's text without its closing {@code #}s ("" for none), or null when the line is
   * not a heading. Scanned by hand: the pattern it replaces took cubic time over blanks.
   */
  static String headingText(String line) {
    int i = 0;
    while (i < 3 && i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    int hashes = 0;
    while (i + hashes < line.length() && line.charAt(i + hashes) == '#') {
      hashes++;
    }
    int start = i + hashes;
    if (hashes == 0 || hashes > 6 || (start < line.length() && !isSpaceOrTab(line.charAt(start)))) {
      return null;
    }
    int end = line.length();
    while (end > start && isSpaceOrTab(line.charAt(end - 1))) {
      end--;
    }
    int closing = end;
    while (closing > start && line.charAt(closing - 1) == '#') {
      closing--;
    }
    if (closing < end && (closing == start || isSpaceOrTab(line.charAt(closing - 1)))) {
      end = closing;
    }
    while (end > start && isSpaceOrTab(line.charAt(end - 1))) {
      end--;
    }
    while (start < end && isSpaceOrTab(line.charAt(start))) {
      start++;
    }
    return line.substring(start, end);
  }

  private static boolean isSpaceOrTab(char c) {
    return c == ' ' || c == '\t';
  }

  private static String line(String line) {
    if (line.isBlank()) {
      return "";
    }
    if (isThematicBreak(line)) {
      return "──────────";
    }
    String heading = headingText(line);
    if (heading != null) {
      String text = inlines(heading, true);
      return text.isEmpty() ? "" : "*" + text + "*";
    }
    Matcher quote = QUOTE.matcher(line);
    if (quote.lookingAt()) {
      // Slack quotes one level deep: nested markers fold into one
      String rest = line.substring(quote.end());
      for (Matcher more = QUOTE.matcher(rest); more.lookingAt(); more = QUOTE.matcher(rest)) {
        rest = rest.substring(more.end());
      }
      return "> " + line(rest);
    }
    Matcher bullet = BULLET.matcher(line);
    if (bullet.matches()) {
      Matcher task = TASK.matcher(bullet.group(2));
      String item =
          task.matches()
              ? (task.group(1).isBlank() ? "☐ " : "☑ ") + inlines(task.group(2), false)
              : inlines(bullet.group(2), false);
      return bullet.group(1) + "• " + item;
    }
    Matcher numbered = NUMBERED.matcher(line);
    if (numbered.matches()) {
      return numbered.group(1) + numbered.group(2) + ". " + inlines(numbered.group(3), false);
    }
    int indent = 0;
    while (Character.isWhitespace(line.charAt(indent))) {
      indent++;
    }
    return line.substring(0, indent) + inlines(line.substring(indent), false);
  }

  /** {@code ***}, {@code - - -}, {@code ___}: three or more of one marker, nothing else. */
  private static boolean isThematicBreak(String line) {
    String marks = line.strip().replace(" ", "").replace("\t", "");
    if (marks.length() < 3
        || "*-_".indexOf(marks.charAt(0)) < 0
        || line.indexOf(marks.charAt(0)) > 3) {
      return false;
    }
    return marks.chars().allMatch(c -> c == marks.charAt(0));
  }

  private static String inlines(String text, boolean bold) {
    if (text.isBlank()) {
      return "";
    }
    if (text.length() > LONGEST_PROSE_LINE) {
      return separateBackticks(escape(text.strip()));
    }
    Node document = INLINES.parse(text);
    String converted = InlineMrkdwn.render(document, bold).strip();
    // a line commonmark took for a link reference definition renders to nothing: keep it as text
    String inline = converted.isEmpty() ? escape(text.strip()) : converted;
    return separateBackticks(inline);
  }

  /**
   * Slack has no escape for a backtick: a run of them left in text (an unmatched {@code ```}, two
   * code spans side by side) would open a code block and swallow the rest of the message. A
   * zero-width space between them keeps each one a single, harmless backtick.
   */
  private static String separateBackticks(String inline) {
    if (!inline.contains("``")) {
      return inline;
    }
    StringBuilder out = new StringBuilder(inline.length() + 16);
    for (int i = 0; i < inline.length(); i++) {
      char c = inline.charAt(i);
      if (c == '`' && i > 0 && inline.charAt(i - 1) == '`') {
        out.append('\u200B');
      }
      out.append(c);
    }
    return out.toString();
  }

  /** An open code fence: closed by a fence of the same character at least as long. */
  private record Fence(char marker, int length, int indent) {
    boolean closedBy(String line) {
      String stripped = line.strip();
      if (stripped.length() < length) {
        return false;
      }
      for (int i = 0; i < stripped.length(); i++) {
        if (stripped.charAt(i) != marker) {
          return false;
        }
      }
      return true;
    }

    String content(String line) {
      int strip = 0;
      while (strip < indent && strip < line.length() && line.charAt(strip) == ' ') {
        strip++;
      }
      return line.substring(strip);
    }
  }
}
