package dev.shepherd.runbook;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.Locale;
import java.util.Optional;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

/**
 * Recognises callouts: {@code > [!WARNING]} and GitHub's other alerts, {@code > **Warning:** …},
 * {@code Caution: …}, a leading ⚠️, and docs-site admonitions (MkDocs {@code !!! warning},
 * Docusaurus {@code :::danger}, Jekyll {@code {% include warning.html content="…" %}}, Hugo {@code
 * {{< warning >}}}).
 *
 * <p>The patterns are RE2/J's: a callout's first line comes from a runbook, and a backtracking
 * matcher took cubic time over a line of blanks.
 */
final class Callouts {
  private static final String BOLD = "(?:\\*\\*|__)?";
  private static final Pattern ALERT =
      Pattern.compile(
          "^\\s*\\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION|DANGER)\\]\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern LABEL =
      Pattern.compile(
          "^\\s*"
              + BOLD
              + "\\s*(warning|caution|danger|important)"
              + BOLD
              + "\\s*[:!]\\s*"
              + BOLD
              + "\\s*[:!]?\\s*|^\\s*"
              + BOLD
              + "\\s*(warning|caution|danger|important)\\b\\s*"
              + BOLD
              + "\\s*[:!]\\s*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern EMOJI =
      Pattern.compile(
          "^\\s*(?:⚠️|⚠|🚨|❗)\\s*(?:"
              + BOLD
              + "\\s*(?:warning|caution|danger|important)?\\s*"
              + BOLD
              + "\\s*[:!]?\\s*"
              + BOLD
              + ")?\\s*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern ADMONITION =
      Pattern.compile(
          "^(?:!!!|\\?\\?\\?\\+?)\\s*(warning|caution|danger|important|attention|note|tip|error)\\b[^\\n]*\\n?"
              + "|^:::\\s*(warning|caution|danger|important|note|tip|info)\\b[^\\n]*\\n?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern INCLUDE =
      Pattern.compile(
          "^\\{%-?\\s*include\\s+(warning|caution|danger|important|note|tip|alert)[\\w-]*\\.html"
              + "(?:.*?content\\s*=\\s*[\"'](.*?)[\"'])?.*?-?%}\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern SHORTCODE =
      Pattern.compile(
          "^\\{\\{[<%]\\s*(warning|caution|danger|important|note|tip|alert)\\b[^}]*[>%]}}\\s*(.*?)"
              + "\\s*(\\{\\{[<%]\\s*/\\s*(\\w+)\\s*[>%]}})?\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private Callouts() {}

  /** The callout a block is, if it is one. */
  static Optional<Warning> warning(Node block, SourceLines source) {
    if (block instanceof BlockQuote quote) {
      return quoted(unquote(source.blockText(quote)), SourceLines.firstLine(quote));
    }
    if (!(block instanceof Paragraph)) {
      return Optional.empty();
    }
    int line = SourceLines.firstLine(block);
    String lead = line == 0 ? "" : source.line(line).stripLeading();
    // Most paragraphs start with a letter that no callout starts with: skip the patterns, and
    // cutting out the block's text.
    if (lead.isEmpty()
        || ("!?:{*_WwCcDdIi".indexOf(lead.charAt(0)) < 0
            && !lead.startsWith("\u26A0")
            && !lead.startsWith("🚨")
            && !lead.startsWith("❗"))) {
      return Optional.empty();
    }
    String text = source.blockText(block);
    Matcher admonition = ADMONITION.matcher(text.strip());
    if (admonition.lookingAt()) {
      String kind = admonition.group(1) != null ? admonition.group(1) : admonition.group(2);
      String body =
          text.strip()
              .substring(admonition.end())
              .replaceAll("(?m)^\\s+", "")
              .replaceAll("\\n?:::\\s*$", "")
              .strip();
      return Optional.of(new Warning(body, line, level(kind)));
    }
    Matcher include = INCLUDE.matcher(text.strip());
    if (include.matches()) {
      return Optional.of(
          new Warning(
              include.group(2) == null ? "" : include.group(2).strip(),
              line,
              level(include.group(1))));
    }
    Matcher shortcode = SHORTCODE.matcher(text.strip());
    if (shortcode.matches()) {
      // RE2/J has no back-reference: a closing shortcode of another kind is part of the body.
      boolean closedByOther =
          shortcode.group(4) != null && !shortcode.group(4).equalsIgnoreCase(shortcode.group(1));
      String body =
          closedByOther
              ? text.strip().substring(shortcode.start(2), shortcode.end(3))
              : shortcode.group(2);
      return Optional.of(new Warning(body.strip(), line, level(shortcode.group(1))));
    }
    return labelled(text, line);
  }

  /**
   * A kramdown attribute list line ({@code {: .no_toc }}): empty when it is one, holding a level
   * when it styles the block quote after it as a callout ({@code {: .warning }}).
   */
  static Optional<Optional<Warning.Level>> attributeList(Node block, SourceLines source) {
    int line = SourceLines.firstLine(block);
    if (!(block instanceof Paragraph)
        || line == 0
        || !source.line(line).stripLeading().startsWith("{:")) {
      return Optional.empty();
    }
    String text = source.blockText(block).strip();
    if (!ATTRIBUTES.matcher(text).matches()) {
      return Optional.empty();
    }
    Matcher matcher = CALLOUT_CLASS.matcher(text);
    return Optional.of(matcher.find() ? Optional.of(level(matcher.group(1))) : Optional.empty());
  }

  private static final Pattern ATTRIBUTES = Pattern.compile("^\\{:[^}\\n]*}$");
  private static final Pattern CALLOUT_CLASS =
      Pattern.compile(
          "\\.(warning|caution|danger|important|note|tip|highlight)\\b", Pattern.CASE_INSENSITIVE);

  /** A block quote as a callout of a given level, whatever its first words. */
  static Warning quoteAs(BlockQuote quote, SourceLines source, Warning.Level level) {
    return new Warning(
        unquote(source.blockText(quote)).strip(), SourceLines.firstLine(quote), level);
  }

  private static Optional<Warning> quoted(String text, int line) {
    Matcher alert = ALERT.matcher(text);
    if (alert.lookingAt()) {
      return Optional.of(
          new Warning(text.substring(alert.end()).strip(), line, level(alert.group(1))));
    }
    return labelled(text, line);
  }

  private static Optional<Warning> labelled(String text, int line) {
    Matcher label = LABEL.matcher(text);
    if (label.lookingAt()) {
      String kind = label.group(1) != null ? label.group(1) : label.group(2);
      return Optional.of(new Warning(text.substring(label.end()).strip(), line, level(kind)));
    }
    Matcher emoji = EMOJI.matcher(text);
    if (emoji.lookingAt() && emoji.end() > 0) {
      return Optional.of(
          new Warning(text.substring(emoji.end()).strip(), line, Warning.Level.WARNING));
    }
    return Optional.empty();
  }

  private static Warning.Level level(String kind) {
    return switch (kind.toLowerCase(Locale.ROOT)) {
      case "note", "info", "highlight" -> Warning.Level.NOTE;
      case "tip" -> Warning.Level.TIP;
      case "important", "attention" -> Warning.Level.IMPORTANT;
      case "caution", "danger", "error" -> Warning.Level.CAUTION;
      default -> Warning.Level.WARNING;
    };
  }

  private static String unquote(String raw) {
    StringBuilder text = new StringBuilder();
    for (String line : raw.split("\n", -1)) {
      String stripped = line.stripLeading();
      if (stripped.startsWith(">")) {
        stripped = stripped.substring(1);
        if (stripped.startsWith(" ")) {
          stripped = stripped.substring(1);
        }
      }
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(stripped);
    }
    return text.toString();
  }
}
