package dev.shepherd.runbook;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names runbooks give their parts, as headings or bold labels, in the shapes public runbook
 * templates use. One place, so the README's list and the parser cannot drift apart.
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

  /** What a top-level section of the runbook is, when it is not a step. */
  enum Region {
    STEPS,
    ROLLBACK,
    TROUBLESHOOTING,
    PREREQUISITES
  }

  private static final Pattern STEP_PREFIX =
      Pattern.compile("^(?:step\\s*)?(\\d+)\\s*[:.)\\-–—]?\\s+(.+)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern STEP_ONLY = Pattern.compile("^step\\s*\\d+\\s*$", Pattern.CASE_INSENSITIVE);

  static Optional<Part> part(String name) {
    String key = normalise(name);
    return switch (key) {
      case "verify", "verification", "expected", "expected output", "expected result",
          "expected results", "validation", "validate", "success criteria" -> Optional.of(Part.VERIFY);
      case "troubleshooting", "diagnosis", "if it fails", "on failure", "if this fails",
          "failure modes" -> Optional.of(Part.TROUBLESHOOTING);
      case "rollback", "roll back", "undo", "rollback procedure" -> Optional.of(Part.ROLLBACK);
      case "cleanup", "clean up", "clean-up" -> Optional.of(Part.CLEANUP);
      case "symptom", "symptoms" -> Optional.of(Part.SYMPTOM);
      case "cause", "causes", "likely cause", "root cause" -> Optional.of(Part.CAUSE);
      case "fix", "resolution", "remedy", "solution", "mitigation" -> Optional.of(Part.FIX);
      default -> Optional.empty();
    };
  }

  static Optional<Region> region(String name) {
    String key = normalise(name);
    return switch (key) {
      case "steps", "procedure", "rollout steps", "deployment steps" -> Optional.of(Region.STEPS);
      case "rollback", "rollback procedure", "rollback plan", "roll back" -> Optional.of(Region.ROLLBACK);
      case "troubleshooting", "common failure modes", "common issues", "failure modes",
          "diagnosis" -> Optional.of(Region.TROUBLESHOOTING);
      case "prerequisites", "pre-flight checklist", "preflight checklist", "pre-flight",
          "checklist", "pre-rollout checklist" -> Optional.of(Region.PREREQUISITES);
      default -> Optional.empty();
    };
  }

  /** A step heading without its "Step 3:", "3)" or "3." prefix. */
  static String stepTitle(String heading) {
    String text = heading.strip();
    if (STEP_ONLY.matcher(text).matches()) {
      return text;
    }
    Matcher matcher = STEP_PREFIX.matcher(text);
    return matcher.matches() ? matcher.group(2).strip() : text;
  }

  private static String normalise(String name) {
    String text = name.strip().toLowerCase(Locale.ROOT);
    while (text.endsWith(":")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) && (c != ' ' || (i + 1 < text.length()
          && Character.isWhitespace(text.charAt(i + 1))))) {
        // Rare: only a heading with tabs or runs of spaces needs the pattern.
        return WHITESPACE.matcher(text).replaceAll(" ");
      }
    }
    return text;
  }
}
