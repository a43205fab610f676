package dev.shepherd.runbook;

import com.google.re2j.Pattern;
import dev.shepherd.runbook.procedure.Hints;
import dev.shepherd.runbook.procedure.Instructions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Documents that are not runbooks whatever their headings say: READMEs, changelogs, decision
 * records, contribution guides, and prose documentation with no command, rollback or check in it. A
 * runbook with Shepherd's own front matter keys is always a runbook.
 */
final class DocumentKind {
  private static final Pattern FILE_NAMES =
      Pattern.compile(
          "(?i)^(readme|changelog|changes|history|release[-_ ]?notes|contributing|code[-_]of[-_]conduct"
              + "|security|license|licence|authors|maintainers|governance|support)(\\..*)?$");
  private static final Pattern ADR_FILE =
      Pattern.compile("(?i)^(adr|rfc)[-_ ]?\\d+.*|^\\d{4}-[a-z].*");
  private static final Pattern ADR_FOLDER = Pattern.compile("(?i)(^|/)(adrs?|decisions|rfcs?)/");
  private static final Pattern VERSION =
      Pattern.compile("(?i)^\\[?v?\\d+\\.\\d+(\\.\\d+)?.*|^\\[?unreleased\\]?$");

  /** Code an operator runs; a YAML or JSON snippet in a guide is an example, not a command. */
  private static final Set<String> SHELLS =
      Set.of(
          "",
          "bash",
          "sh",
          "shell",
          "zsh",
          "console",
          "shell-session",
          "powershell",
          "ps1",
          "pwsh",
          "cmd",
          "bat",
          "azurecli",
          "azurecli-interactive",
          "sql",
          "psql",
          "text",
          "terminal",
          "fish");

  private DocumentKind() {}

  /** Why a parsed file is not a runbook, when it is not one. */
  static Optional<String> notARunbook(Runbook runbook) {
    if (runbook.fieldLines().containsKey("approvers")
        || runbook.fieldLines().containsKey("partitions")
        || runbook.fieldLines().containsKey("checklist")) {
      return Optional.empty();
    }
    String path = runbook.path();
    String name = path.substring(path.lastIndexOf('/') + 1);
    List<String> headings = headings(runbook.source());
    if (FILE_NAMES.matcher(name).matches()) {
      return Optional.of("a " + name.replaceAll("\\..*$", "").toUpperCase(Locale.ROOT) + " file");
    }
    Optional<String> signature = signature(headings);
    if (signature.isPresent()) {
      return signature;
    }
    if (ADR_FOLDER.matcher(path).find()
        || ADR_FILE.matcher(name).matches()
        || (headings.contains("status")
            && (headings.contains("decision") || headings.contains("consequences")))
        || (headings.contains("context") && headings.contains("decision"))) {
      return Optional.of("an architecture decision record (Status, Context, Decision)");
    }
    if (runbook.steps().isEmpty()) {
      int commands = runbook.introduction().commands().size();
      return Optional.of(
          "no steps; nearest: "
              + runbook.reading().nearest()
              + (commands > 0
                  ? "; needs a hint if it is a runbook: "
                      + commands
                      + " command"
                      + (commands == 1 ? "" : "s")
                      + " but no procedure found (put "
                      + Hints.MARKER
                      + " before it)"
                  : ""));
    }
    long versions =
        runbook.steps().stream().filter(s -> VERSION.matcher(s.title()).matches()).count();
    if (versions >= 2) {
      return Optional.of("a changelog (" + versions + " version headings)");
    }
    boolean commands =
        runbook.steps().stream()
            .anyMatch(
                s ->
                    s.commands().stream()
                        .anyMatch(c -> SHELLS.contains(c.language().toLowerCase(Locale.ROOT))));
    boolean parts =
        runbook.steps().stream()
            .anyMatch(
                s ->
                    s.rollback().isPresent()
                        || s.verify().isPresent()
                        || !s.troubleshooting().isEmpty()
                        || s.diagnosis().isPresent()
                        || !s.warnings().isEmpty()
                        || s.approvalRequired());
    Reading reading = runbook.reading();
    boolean wide =
        reading.rollback().isPresent()
            || reading.verify().isPresent()
            || reading.diagnosis().isPresent()
            || !reading.troubleshooting().isEmpty();
    // Headings that name actions ("Migrate the pipelines", "Deploy the agent") are a procedure
    // even when its commands are written in another language than a shell's.
    long actions =
        runbook.steps().stream().filter(s -> Instructions.namesAction(s.title())).count();
    if ("headings".equals(reading.shape())
        && !commands
        && !parts
        && !wide
        && actions * 2 < runbook.steps().size()) {
      return Optional.of(
          "sections of prose: no command, check, rollback or warning in any of them");
    }
    return Optional.empty();
  }

  private static final List<String> PROPOSAL =
      List.of(
          "summary",
          "motivation",
          "goals",
          "non-goals",
          "proposal",
          "design details",
          "alternatives",
          "alternatives considered",
          "drawbacks",
          "graduation criteria",
          "test plan",
          "user stories",
          "detailed design",
          "prior art",
          "unresolved questions");

  /**
   * What a document is by the headings it has, whatever its name: a changelog (version after
   * version), a contributing guide, a design proposal (motivation, proposal, design details), a
   * project README (install, usage, licence).
   */
  static Optional<String> signature(List<String> headings) {
    if (headings.isEmpty()) {
      return Optional.empty();
    }
    String title = headings.get(0);
    long versions = headings.stream().filter(Outline::namesVersion).count();
    boolean changelogTitle =
        title.startsWith("changelog")
            || title.startsWith("change log")
            || title.startsWith("release notes")
            || title.equals("changes")
            || title.equals("history");
    if ((versions >= 3 && versions * 2 >= headings.size() - 1)
        || (changelogTitle && versions >= 2)) {
      return Optional.of("a changelog (" + versions + " version headings)");
    }
    if (title.startsWith("contributing") || title.startsWith("how to contribute")) {
      return Optional.of("a contributing guide (titled \"" + title + "\")");
    }
    List<String> proposal = headings.stream().filter(PROPOSAL::contains).distinct().toList();
    if (proposal.size() >= 3) {
      return Optional.of(
          "a design proposal (" + String.join(", ", proposal.subList(0, 3)) + " sections)");
    }
    boolean install =
        headings.stream()
            .anyMatch(
                h ->
                    h.equals("install")
                        || h.equals("installation")
                        || h.equals("installing")
                        || h.equals("getting started")
                        || h.equals("quick start")
                        || h.equals("quickstart"));
    boolean usage = headings.stream().anyMatch(h -> h.equals("usage") || h.equals("examples"));
    boolean licence =
        headings.stream()
            .anyMatch(
                h ->
                    h.equals("license")
                        || h.equals("licence")
                        || h.equals("contributing")
                        || h.equals("credit")
                        || h.equals("credits"));
    if (install && usage && licence) {
      return Optional.of("a project README (Install, Usage and License sections)");
    }
    return Optional.empty();
  }

  /** The ATX headings' texts, found with indexOf: survey asks this of every file. */
  private static List<String> headings(String source) {
    List<String> headings = new ArrayList<>();
    int at = source.startsWith("#") ? 0 : nextHeading(source, 0);
    while (at >= 0) {
      int end = source.indexOf('\n', at);
      end = end < 0 ? source.length() : end;
      int text = at;
      while (text < end && source.charAt(text) == '#') {
        text++;
      }
      headings.add(Labels.normalise(source.substring(text, end)));
      at = nextHeading(source, end);
    }
    return headings;
  }

  private static int nextHeading(String source, int from) {
    int at = source.indexOf("\n#", from);
    return at < 0 ? -1 : at + 1;
  }
}
