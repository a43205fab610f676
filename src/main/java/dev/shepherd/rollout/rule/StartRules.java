package dev.shepherd.rollout.rule;

import java.util.ArrayList;
import java.util.List;

/** The start rules in the order they are asked: the first refusal is the one shown. */
public final class StartRules {
  private StartRules() {}

  /**
   * The fleet switch first (every refusal while it is on says so), then the partition's own freeze,
   * the runbook's checks, the order and timing rules, and the partition being free.
   */
  public static List<StartRule> standard(List<StartRule> checks) {
    List<StartRule> rules =
        new ArrayList<>(
            List.of(new FreezeAllRule(), new ChannelRule(), new FreezeRule(), new VariablesRule()));
    rules.addAll(checks);
    rules.addAll(
        List.of(
            new ChoreographyRule(),
            new CanaryRule(),
            new SoakRule(),
            new BlackoutRule(),
            new WindowRule(),
            new ParallelRule(),
            new ActiveRolloutRule()));
    return List.copyOf(rules);
  }

  /** What the overridable rules hold against a start: the override warning lists these. */
  public static List<String> breaches(List<StartRule> rules, StartContext context) {
    List<String> breaches = new ArrayList<>();
    for (StartRule rule : rules) {
      if (rule instanceof OverridableRule overridable) {
        overridable.breach(context).ifPresent(b -> breaches.add(b.summary()));
      }
    }
    return breaches;
  }
}
