package dev.shepherd.rollout.engine;

import dev.shepherd.format.FreeText;
import dev.shepherd.partition.Choreography;
import dev.shepherd.partition.Wave;
import dev.shepherd.rollout.ChoreographyOverride;
import dev.shepherd.rollout.CompletedRun;
import dev.shepherd.rollout.rule.StartContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What a starting rollout should be warned about, loudest first. */
final class StartWarnings {
  private StartWarnings() {}

  /**
   * @param breaches what the overridable rules held against the start (listed when it was
   *     overridden)
   * @param risks what the runbook's earlier rollouts found that this revision does not cover
   */
  static List<String> compute(
      StartContext context,
      Optional<ChoreographyOverride> override,
      List<String> breaches,
      List<String> risks) {
    List<String> warnings = new ArrayList<>();
    String partition = context.partition().name();
    String runbookId = context.request().runbookId();
    List<Wave> waves = context.waves();
    Wave wave = context.wave();
    boolean lastWave = context.waveIndex() == waves.size() - 1;
    if (lastWave && wave.partitions().size() == 1) {
      warnings.add(
          partition
              + " is the last partition: latent bugs that only fire here surface"
              + " now. Is the rollback procedure ready?");
    } else if (lastWave) {
      warnings.add(
          partition
              + " is in the last wave ("
              + wave.name()
              + "): latent bugs that"
              + " only fire here surface now. Is the rollback procedure ready?");
    }
    // On the last partition what earlier runs found comes right after its warning, loudest.
    if (lastWave) {
      warnings.addAll(risks);
    }
    if (wave.partitions().size() > 1 && wave.partitions().get(0).equals(partition)) {
      warnings.add(
          partition
              + " is the canary of wave "
              + wave.name()
              + ": the "
              + (wave.partitions().size() - 1)
              + " partitions after it trust what happens here."
              + " Watch it closely before calling it done");
    }
    override.ifPresent(
        o ->
            warnings.add(
                "started despite the choreography by @"
                    + o.by()
                    + ": "
                    + FreeText.inert(o.reason())
                    + " ("
                    + String.join("; ", breaches)
                    + ")"));
    List<String> looked = new ArrayList<>(Choreography.before(partition, context.order()));
    looked.add(partition);
    List<CompletedRun> completed = context.tx().completed(runbookId, looked);
    String revision = context.rendition().runbook().revision().id();
    List<String> otherRevision =
        Choreography.before(partition, context.order()).stream()
            .flatMap(p -> latest(completed, p).stream())
            .filter(run -> !run.revision().id().equals(revision))
            .map(run -> run.partition() + " (" + run.revision().shortId() + ")")
            .toList();
    if (!otherRevision.isEmpty()) {
      warnings.add(
          "revision "
              + context.rendition().runbook().revision().shortId()
              + " differs from the one that completed on "
              + String.join(", ", otherRevision)
              + ": what passed there is not exactly what runs here");
    }
    if (completed.stream().noneMatch(run -> run.partition().equals(partition))) {
      warnings.add(
          "first rollout of "
              + runbookId
              + " on "
              + partition
              + ": nobody has walked this runbook here before");
    }
    if (!lastWave) {
      warnings.addAll(risks);
    }
    return warnings;
  }

  private static Optional<CompletedRun> latest(List<CompletedRun> runs, String partition) {
    return runs.stream()
        .filter(r -> r.partition().equals(partition))
        .max(Comparator.comparing(CompletedRun::endedAt));
  }
}
