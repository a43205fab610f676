package dev.shepherd.learning;

import dev.shepherd.config.Config;
import dev.shepherd.config.ConfigLoader;
import dev.shepherd.learning.finding.Resolution;
import dev.shepherd.learning.finding.RunbookFinding;
import dev.shepherd.lint.LintInput;
import dev.shepherd.lint.Linter;
import dev.shepherd.lint.Problem;
import dev.shepherd.runbook.Catalog;
import dev.shepherd.runbook.Revision;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.RunbookParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Findings as a rollout would derive them, and the checks every proposal must pass. */
final class Found {
  static final String ROLLOUT = "1a2b3c4d-0000-4000-8000-00000000beef";
  static final Revision PINNED = Revision.commit("0123456789abcdef0123456789abcdef01234567");
  static final Instant AT = Instant.parse("2026-11-30T10:15:00Z");
  private static final RunbookParser PARSER = new RunbookParser();

  private Found() {}

  static RunbookFinding finding(
      RunbookFinding.Kind kind,
      int step,
      String title,
      String symptom,
      String detail,
      Optional<Resolution> resolution) {
    return new RunbookFinding(
        kind.name().toLowerCase() + ":" + step + ":1",
        ROLLOUT,
        "rb",
        PINNED,
        "prod",
        AT,
        kind,
        step,
        title,
        symptom,
        detail,
        resolution,
        Optional.empty());
  }

  static RunbookFinding symptom(int step, String title, String symptom) {
    return finding(
        RunbookFinding.Kind.UNMATCHED_SYMPTOM, step, title, symptom, "", Optional.empty());
  }

  static Optional<Resolution> fixed(String fix, String cause) {
    return Optional.of(new Resolution(fix, cause, "U0OLIVE", AT));
  }

  static Runbook parse(String path, String text) {
    return PARSER.parse(path, text, PINNED);
  }

  static String resource(String name) {
    try {
      return Files.readString(Path.of("src/test/resources/runbooks", name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lint's errors and warnings, without their lines (a patch moves lines down). */
  static List<String> lint(String path, String text) {
    Config config = new ConfigLoader(Map.of()).load(Path.of("config/shepherd.yaml"));
    List<Problem> findings =
        new Linter()
            .lint(
                new LintInput(
                    config,
                    new Catalog(List.of(parse(path, text)), List.of()),
                    false,
                    "runbooks/"));
    return findings.stream()
        .filter(f -> f.severity() != Problem.Severity.NOTE)
        .map(f -> f.severity().label() + ": " + f.message())
        .toList();
  }
}
