package dev.shepherd.lint;

import dev.shepherd.partition.Partition;
import dev.shepherd.runbook.Renderer;
import dev.shepherd.runbook.Rendition;
import dev.shepherd.runbook.Runbook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code {{variable}}} that some partition does not define: the bug that works everywhere but the
 * one partition that lacks it, usually prod. One problem per use, naming those partitions. In a
 * page that also uses docs-site templating, a name no partition defines is the site's.
 */
final class UndefinedVariablesRule implements LintRule {
  @Override
  public void check(LintInput input, List<Problem> problems) {
    for (Runbook runbook : input.catalog().runbooks()) {
      List<Partition> partitions =
          input.partitions().stream().filter(p -> runbook.appliesTo(p.name())).toList();
      Map<Rendition.UndefinedVariable, List<String>> missing = new LinkedHashMap<>();
      // Rendering once with nothing defined finds every use; each partition lacks some of them.
      List<Rendition.UndefinedVariable> uses =
          partitions.isEmpty() ? List.of() : Renderer.placeholders(runbook);
      for (Partition partition : partitions) {
        for (Rendition.UndefinedVariable variable : uses) {
          if (partition.variable(variable.name()).isEmpty()) {
            missing.computeIfAbsent(variable, v -> new ArrayList<>()).add(partition.name());
          }
        }
      }
      boolean docsSite = runbook.reading().templating().present();
      missing.forEach(
          (variable, lacking) -> {
            if (docsSite && lacking.size() == partitions.size()) {
              // A name no partition defines, in a page a docs site templates: the site's variable,
              // which ForeignTemplatingRule notes once.
              return;
            }
            List<String> defining =
                partitions.stream()
                    .map(Partition::name)
                    .filter(name -> !lacking.contains(name))
                    .toList();
            problems.add(
                Problem.error(
                    input.pathOf(runbook),
                    variable.line(),
                    "{{"
                        + variable.name()
                        + "}} is not defined for "
                        + String.join(", ", lacking)
                        + (defining.isEmpty()
                            ? ""
                            : " (defined for " + String.join(", ", defining) + ")")
                        + ": add "
                        + variable.name()
                        + " to the vars of "
                        + String.join(", ", lacking)
                        + " in "
                        + input.config().displayPath()));
          });
    }
  }
}
