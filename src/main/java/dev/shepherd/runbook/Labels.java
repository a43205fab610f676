package dev.shepherd.runbook;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.Locale;
import java.util.Optional;

/**
 * The names runbooks give their parts, as headings or bold labels, matched the way people write
 * them: any case, trailing punctuation, a parenthesis or trailing words ("Rolling back the schema",
 * "Troubleshoot DNS", "Verification (optional)"). One place, so the list in
 * docs/guides/writing-runbooks.md and the parser cannot drift apart.
 */
final class Labels {
  private Labels() {}

  /** What a heading or label inside a step introduces. */
  enum Part {
    VERIFY,
    TROUBLESHOOTING,
    ROLLBACK,
    CLEANUP,
    SYMPTOM,
    CAUSE,
    FIX
  }

  /** What a section of the runbook is, when it is not a step. */
  enum Region {
    STEPS,
    ROLLBACK,
    TROUBLESHOOTING,
    PREREQUISITES,
    VERIFY
  }

  private static final Pattern STEP_PREFIX =
      Pattern.compile(
          "^(?:optional\\s*[:\\-–—]?\\s*)?(?:(?:step|phase|stage)\\s*)?(\\d+(?:\\.\\d+)*)\\s*[:.)\\-–—]?\\s+(.+)$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern STEP_ONLY =
      Pattern.compile(
          "^(?:optional\\s*[:\\-–—]?\\s*)?(?:step|phase|stage)\\s*\\d+(?:\\.\\d+)*\\s*[:.]?$",
          Pattern.CASE_INSENSITIVE);

  /**
   * A numbered heading: "Step 3: …", "1) …", "2. …", "Step 0.1", "Optional: Step 3 …", "4 - …". A
   * bare number must be followed by punctuation or a dash, so "2FA setup" is not one.
   */
  private static final Pattern NUMBERED =
      Pattern.compile(
          "^(?:optional\\s*[:\\-–—]?\\s*)?(?:(?:step|phase|stage)\\s*\\d+(?:\\.\\d+)*\\b"
              + "|\\d+(?:\\.\\d+)*\\s*(?:[.):]|\\s[-–—]))",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern PREREQUISITES =
      Pattern.compile(
          "(?:pre-?flight|pre-rollout|pre-rotation|pre-upgrade|pre-migration)?\\s*checklist"
              + "|prerequisites?|pre-?requisites|pre-?flight(?: checks)?|requirements|before you begin"
              + "|before you start|before you upgrade|before starting|(?:pre-\\w+|preparation) checklist");
  private static final Pattern VERIFY =
      Pattern.compile(
          "(?:verify|verification|validate|validation|expected|expected (?:output|result|"
              + "results|outcome)|check|checks|confirm|confirmation|success criteria|post-checks|"
              + "post-(?:rollout|upgrade|migration|rotation) (?:checks|verification)|verify (?:it|the result|"
              + "success)|verification steps|validation steps|health checks?)");
  private static final Pattern ONLY_ROLLBACK =
      Pattern.compile(
          "(?:rollback|roll back|rolling back|revert|undo|downgrade|back out|roll-back)"
              + "(?:\\s+(?:if needed|if necessary|if required|on failure|the change|the changes|plan))?");

  /**
   * A heading that quotes an error message: {@code Error: x509 …}, {@code Error "EACCES" …}, or one
   * wholly in quotes. A code span alone ({@code Restart `nginx`}) is not one.
   */
  private static final Pattern QUOTES_ERROR =
      Pattern.compile(
          "^(?:error\\s*[:\\-–—]\\s*\\S.*|error\\b.*[\"“`].*|[\"“][^\"”]{3,}[\"”])$",
          Pattern.CASE_INSENSITIVE);

  static Optional<Part> part(String name) {
    String key = normalise(name);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return switch (key) {
      case "symptom", "symptoms", "what you see", "problem", "issue" -> Optional.of(Part.SYMPTOM);
      case "cause",
          "causes",
          "likely cause",
          "likely causes",
          "root cause",
          "possible causes",
          "possible cause",
          "why" ->
          Optional.of(Part.CAUSE);
      case "fix",
          "fixes",
          "resolution",
          "remedy",
          "solution",
          "solutions",
          "mitigation",
          "workaround",
          "remediation",
          "resolve" ->
          Optional.of(Part.FIX);
      case "cleanup", "clean up", "clean-up", "tidy up", "post-rollout cleanup" ->
          Optional.of(Part.CLEANUP);
      default ->
          wide(key)
              .map(
                  region ->
                      switch (region) {
                        case VERIFY -> Part.VERIFY;
                        case TROUBLESHOOTING -> Part.TROUBLESHOOTING;
                        case ROLLBACK -> Part.ROLLBACK;
                        default -> null;
                      });
    };
  }

  /**
   * A section of the runbook that is not a step. Rollback and troubleshooting names may carry
   * trailing words ("Rolling back the schema"); verification names only a parenthesis or a short
   * tail ("Verification (optional)"), because "Verify the DNS records" is a step in the plain
   * dialect.
   */
  static Optional<Region> region(String name) {
    String key = normalise(name);
    Optional<Region> wide = wide(key);
    if (wide.isPresent()) {
      return wide;
    }
    if (PREREQUISITES.matcher(key).matches()) {
      return Optional.of(Region.PREREQUISITES);
    }
    if (isProcedure(key)) {
      return Optional.of(Region.STEPS);
    }
    return Optional.empty();
  }

  private static boolean isProcedure(String key) {
    if (key.equals("steps")
        || key.equals("procedure")
        || key.equals("procedures")
        || key.equals("instructions")
        || key.equals("how to")
        || key.equals("runbook")) {
      return true;
    }
    String words = withoutParenthesis(key);
    return (words.endsWith(" steps")
            || words.endsWith(" procedure")
            || words.endsWith(" procedures")
            || words.endsWith(" instructions")
            || words.startsWith("steps to ")
            || words.startsWith("detailed steps"))
        && !words.startsWith("verification")
        && !words.startsWith("next ");
  }

  private static Optional<Region> wide(String key) {
    String head = withoutParenthesis(key);
    if (QUOTES_ERROR.matcher(head).matches()) {
      return Optional.of(Region.TROUBLESHOOTING);
    }
    if (startsWithWord(
        head,
        "rollback",
        "roll back",
        "rolling back",
        "revert",
        "reverting",
        "undo",
        "downgrade",
        "downgrading",
        "back out",
        "backing out",
        "backout",
        "roll-back")) {
      return Optional.of(Region.ROLLBACK);
    }
    if (startsWithWord(
        head,
        "troubleshooting",
        "troubleshoot",
        "diagnosis",
        "diagnosing",
        "diagnostics",
        "common failure modes",
        "failure modes",
        "known issues",
        "common issues",
        "common problems",
        "common errors",
        "if something goes wrong",
        "if things go wrong",
        "if it fails",
        "if this fails",
        "on failure",
        "errors",
        "debugging",
        "faq: errors")) {
      return Optional.of(Region.TROUBLESHOOTING);
    }
    if (VERIFY.matcher(head).matches()) {
      return Optional.of(Region.VERIFY);
    }
    return Optional.empty();
  }

  /** Whether the text is the word or words, alone or followed by more words. */
  private static boolean startsWithWord(String text, String... words) {
    for (String word : words) {
      if (text.equals(word)
          || (text.startsWith(word) && !Character.isLetterOrDigit(text.charAt(word.length())))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a numbered step's title only names a rollback ("Roll back (optional)", "Rollback if
   * needed"): the runbook's rollback, not a step. "Roll back an upgrade" stays a step.
   */
  static boolean onlyRollback(String title) {
    return ONLY_ROLLBACK.matcher(withoutParenthesis(normalise(title))).matches();
  }

  /** Whether a heading is numbered the way step headings are ("Step 3:", "1)", "2."). */
  static boolean numbered(String heading) {
    return NUMBERED.matcher(heading.strip()).lookingAt();
  }

  /** Sections that explain rather than instruct: the introduction around the steps, never steps. */
  static boolean explanatory(String heading) {
    String key = withoutParenthesis(normalise(heading));
    return EXPLANATORY.matcher(key).matches()
        || startsWithWord(
            key,
            "why",
            "what is",
            "what are",
            "what qualifies",
            "how it works",
            "how does",
            "how this works",
            "understanding",
            "when to",
            "best practices",
            "limitations",
            "known limitations",
            "related",
            "faq",
            "frequently asked questions",
            "further reading",
            "see also",
            "references",
            "meaning",
            "impact",
            "background",
            "overview",
            "architecture",
            "design",
            "motivation",
            "summary");
  }

  /**
   * A troubleshooting name that an alert runbook gives its checks ("Diagnosis", "Investigation"):
   * steps when the section holds actions, unlike a "Troubleshooting" section's rows.
   */
  static boolean investigates(String heading) {
    String key = withoutParenthesis(normalise(heading));
    return startsWithWord(
        key, "diagnosis", "diagnosing", "diagnostics", "investigation", "investigate", "triage");
  }

  private static final Pattern EXPLANATORY =
      Pattern.compile(
          "overview|introduction|intro|about|about this runbook|purpose|scope|background"
              + "|context|summary|tl;dr|tldr|next steps|what's next|whats next|related|related links"
              + "|related resources|related documentation|related runbooks|related docs|see also|references"
              + "|further reading|limitations|known limitations|contacts?|escalation|escalation path|owners?"
              + "|ownership|when to use(?: this runbook)?|when to run(?: this runbook)?|table of contents"
              + "|contents|toc|notes|faq|glossary|assumptions|impact|severity|metadata|history|changelog"
              + "|appendix|inputs|outputs|why you are reading this|description|goal|goals|audience"
              + "|who should use this|communication|post-incident|postmortem|feedback|resources|links"
              + "|environment variables|inputs / environment variables|triggers|symptoms / triggers"
              + "|when to rollback|when to roll back|success metrics|duration|expected duration|tools"
              + "|requirements for this guide|conventions|terminology|support|help|meaning|explanation"
              + "|description of the alert|alert description|details|dashboard|dashboards");

  /** A step heading without its "Step 3:", "3)" or "3." prefix. */
  static String stepTitle(String heading) {
    String text = heading.strip();
    if (STEP_ONLY.matcher(text).matches()) {
      return text;
    }
    Matcher matcher = STEP_PREFIX.matcher(text);
    if (!matcher.matches()) {
      return text;
    }
    String title = matcher.group(2).strip();
    // "Optional: Step 3 Enable the flags" keeps its word: the operator may skip it.
    return text.toLowerCase(Locale.ROOT).startsWith("optional") ? title + " (optional)" : title;
  }

  /** The text without a trailing parenthesis: "Rollback (optional)" → "rollback". */
  static String withoutParenthesis(String key) {
    if (!key.endsWith(")")) {
      return key;
    }
    int open = key.indexOf('(');
    return open < 0 ? key : key.substring(0, open).strip();
  }

  static String normalise(String name) {
    String text = name.strip().toLowerCase(Locale.ROOT);
    while (text.endsWith(":") || text.endsWith(".") || text.endsWith("?") || text.endsWith("!")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)
          && (c != ' ' || (i + 1 < text.length() && Character.isWhitespace(text.charAt(i + 1))))) {
        // Rare: only a heading with tabs or runs of spaces needs the pattern.
        return WHITESPACE.matcher(text).replaceAll(" ");
      }
    }
    return text;
  }
}
