package dev.shepherd.lint;

import dev.shepherd.partition.Partition;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A literal that is one partition's value of a variable, where other partitions have another value:
 * {@code --region us-east-2} works on dev and stage and is wrong on prod. Warnings, errors with
 * {@code --strict}; {@code <!-- shepherd: allow us-east-2 -->} on the line or the line before
 * permits a deliberate one.
 */
final class HardCodedValuesRule implements LintRule {
  /** Shorter values ({@code dev}, {@code eu}) are ordinary words far more often than bugs. */
  static final int SHORTEST = 4;

  /** A value some partitions have, and the checked partitions on which it is wrong. */
  private record Suspect(
      String variable, String value, List<String> owners, List<String> wrongOn, boolean hasBlank) {
    Suspect(String variable, String value, List<String> owners, List<String> wrongOn) {
      this(variable, value, owners, wrongOn, value.chars().anyMatch(Character::isWhitespace));
    }

    /**
     * Whether a line may hold this value once its placeholders are blanked. Blanking only removes
     * text, so a value without blanks it could straddle must be in the line as written: most lines
     * hold none, and skip the rendering.
     */
    boolean mayBeIn(String line) {
      return hasBlank || line.contains(value);
    }
  }

  @Override
  public void check(LintInput input, List<Problem> problems) {
    for (Runbook runbook : input.catalog().runbooks()) {
      List<Suspect> suspects = suspects(input, runbook);
      if (suspects.isEmpty()) {
        continue;
      }
      for (RunbookText.Line line : input.shownLines(runbook)) {
        if (!anyMayBeIn(suspects, line.text())) {
          continue;
        }
        // Placeholders are what the fix looks like; only the text around them is literal.
        String literal = Template.render(line.text(), name -> Optional.of(" ")).text();
        for (Suspect suspect : suspects) {
          if (!line.allowed().contains(suspect.value())
              && Tokens.contains(literal, suspect.value())) {
            problems.add(
                new Problem(
                    input.pathOf(runbook), line.number(), input.strictable(), message(suspect)));
          }
        }
      }
    }
  }

  private static boolean anyMayBeIn(List<Suspect> suspects, String line) {
    for (Suspect suspect : suspects) {
      if (suspect.mayBeIn(line)) {
        return true;
      }
    }
    return false;
  }

  private static List<Suspect> suspects(LintInput input, Runbook runbook) {
    List<Partition> applicable =
        input.config().choreography().partitions().stream()
            .filter(p -> runbook.appliesTo(p.name()))
            .toList();
    List<Partition> checked = applicable.stream().filter(p -> input.checks(p.name())).toList();
    Map<String, Map<String, List<String>>> owners = new LinkedHashMap<>();
    for (Partition partition : applicable) {
      partition
          .vars()
          .forEach(
              (variable, value) ->
                  owners
                      .computeIfAbsent(variable, v -> new LinkedHashMap<>())
                      .computeIfAbsent(value, v -> new ArrayList<>())
                      .add(partition.name()));
    }
    List<Suspect> suspects = new ArrayList<>();
    owners.forEach(
        (variable, byValue) ->
            byValue.forEach(
                (value, having) -> {
                  if (value.strip().length() < SHORTEST) {
                    return;
                  }
                  List<String> wrongOn =
                      checked.stream()
                          .filter(p -> !value.equals(p.vars().get(variable)))
                          .map(Partition::name)
                          .toList();
                  if (!wrongOn.isEmpty()) {
                    suspects.add(new Suspect(variable, value, having, wrongOn));
                  }
                }));
    return suspects;
  }

  private static String message(Suspect suspect) {
    return suspect.value()
        + " is the "
        + suspect.variable()
        + " of "
        + String.join(", ", suspect.owners())
        + "; on "
        + String.join(", ", suspect.wrongOn())
        + " this line still says "
        + suspect.value()
        + ": write {{"
        + suspect.variable()
        + "}}";
  }
}
