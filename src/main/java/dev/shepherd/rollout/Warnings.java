package dev.shepherd.rollout;

import dev.shepherd.partition.Choreography;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a starting rollout should be warned about, loudest first. */
final class Warnings {
  private Warnings() {}

  static List<String> compute(StartContext context, Optional<ChoreographyOverride> override) {
    List<String> warnings = new ArrayList<>();
    String partition = context.partition().name();
    String runbookId = context.request().runbookId();
    if (Choreography.isLast(partition, context.order())) {
      warnings.add(partition + " is the last partition: latent bugs that only fire here surface"
          + " now. Is the rollback procedure ready?");
    }
    override.ifPresent(o -> warnings.add("started despite the choreography by @" + o.by()
        + ": " + o.reason() + " (not completed yet: "
        + String.join(", ", ChoreographyRule.missing(context)) + ")"));
    List<String> looked = new ArrayList<>(Choreography.before(partition, context.order()));
    looked.add(partition);
    List<CompletedRun> completed = context.tx().completed(runbookId, looked);
    String revision = context.rendition().runbook().revision().id();
    List<String> otherRevision = Choreography.before(partition, context.order()).stream()
        .flatMap(p -> latest(completed, p).stream())
        .filter(run -> !run.revision().id().equals(revision))
        .map(run -> run.partition() + " (" + run.revision().shortId() + ")")
        .toList();
    if (!otherRevision.isEmpty()) {
      warnings.add("revision " + context.rendition().runbook().revision().shortId()
          + " differs from the one that completed on " + String.join(", ", otherRevision)
          + ": what passed there is not exactly what runs here");
    }
    if (completed.stream().noneMatch(run -> run.partition().equals(partition))) {
      warnings.add("first rollout of " + runbookId + " on " + partition
          + ": nobody has walked this runbook here before");
    }
    return warnings;
  }

  private static Optional<CompletedRun> latest(List<CompletedRun> runs, String partition) {
    return runs.stream().filter(r -> r.partition().equals(partition))
        .max(java.util.Comparator.comparing(CompletedRun::endedAt));
  }
}
