package dev.shepherd.lint;

import dev.shepherd.partition.Partition;
import dev.shepherd.runbook.Runbook;
import dev.shepherd.runbook.Template;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A secret reference rendered for a partition must point into that partition's own vault (its
 * {@code vault} variable): prod reading {@code op://Arda-DevOAM/…} is an error. A reference to a
 * vault no partition owns is a warning (an error with {@code --strict}) unless an allow comment
 * names the vault. Without any partition defining {@code vault} there is nothing to compare with.
 */
final class SecretReferencesRule implements LintRule {
  static final String VAULT = "vault";

  @Override
  public void check(LintInput input, List<Problem> problems) {
    Map<String, List<String>> owners = owners(input.config().choreography().partitions());
    if (owners.isEmpty()) {
      return;
    }
    SecretReferences references = new SecretReferences(input.config());
    Set<String> inert = new HashSet<>();
    input.partitions().stream().filter(references::inert).forEach(p -> inert.add(p.name()));
    for (Runbook runbook : input.catalog().runbooks()) {
      List<Partition> partitions =
          input.partitions().stream().filter(p -> runbook.appliesTo(p.name())).toList();
      if (partitions.isEmpty()) {
        continue;
      }
      for (RunbookText.Line line : input.shownLines(runbook)) {
        // A line without placeholders renders the same everywhere: look for references once.
        List<SecretReferences.Reference> unrendered =
            line.text().contains("{{") ? null : references.find(line.text());
        boolean mayHold = references.mayHold(line.text());
        for (Partition partition : partitions) {
          List<SecretReferences.Reference> found =
              unrendered != null
                  ? unrendered
                  : !mayHold && inert.contains(partition.name())
                      ? List.of()
                      : references.find(Template.render(line.text(), partition::variable).text());
          for (SecretReferences.Reference reference : found) {
            check(input, runbook, partition, line, reference, owners).ifPresent(problems::add);
          }
        }
      }
    }
  }

  private static Optional<Problem> check(
      LintInput input,
      Runbook runbook,
      Partition partition,
      RunbookText.Line line,
      SecretReferences.Reference reference,
      Map<String, List<String>> owners) {
    String vault = reference.vault();
    Optional<String> own = partition.variable(VAULT);
    if (vault.contains("{{") || own.filter(vault::equals).isPresent()) {
      return Optional.empty(); // undefined variables are their own problem
    }
    // Echo the reference with {{vault}} only where the author wrote it literally: a rendered one
    // would suggest pasting this partition's values over the author's other placeholders.
    String fix =
        line.text().contains(reference.text())
            ? "write " + reference.withVault("{{" + VAULT + "}}")
            : "write {{" + VAULT + "}} in place of " + vault;
    List<String> others =
        owners.getOrDefault(vault, List.of()).stream()
            .filter(name -> !name.equals(partition.name()))
            .toList();
    if (!others.isEmpty()) {
      return Optional.of(
          Problem.error(
              input.pathOf(runbook),
              line.number(),
              partition.name()
                  + " reads "
                  + reference.text()
                  + ", which is "
                  + possessive(others)
                  + " vault ("
                  + own.map(v -> partition.name() + "'s is " + v)
                      .orElse(partition.name() + " has no vault")
                  + "): "
                  + fix));
    }
    if (line.allowed().contains(vault)) {
      return Optional.empty();
    }
    return Optional.of(
        new Problem(
            input.pathOf(runbook),
            line.number(),
            input.strictable(),
            reference.text()
                + " reads vault "
                + vault
                + ", which no partition owns (their vaults: "
                + String.join(", ", owners.keySet())
                + "): "
                + fix
                + ", or mark a deliberate one with"
                + " <!-- shepherd: allow "
                + vault
                + " -->"));
  }

  /** Each vault and the partitions whose {@code vault} it is, in choreography order. */
  private static Map<String, List<String>> owners(List<Partition> partitions) {
    Map<String, List<String>> owners = new LinkedHashMap<>();
    for (Partition partition : partitions) {
      partition
          .variable(VAULT)
          .ifPresent(
              vault -> owners.computeIfAbsent(vault, v -> new ArrayList<>()).add(partition.name()));
    }
    return owners;
  }

  /** {@code dev's}, {@code dev's and stage's}. */
  private static String possessive(List<String> names) {
    List<String> owned = names.stream().map(name -> name + "'s").toList();
    if (owned.size() == 1) {
      return owned.get(0);
    }
    return String.join(", ", owned.subList(0, owned.size() - 1))
        + " and "
        + owned.get(owned.size() - 1);
  }
}
