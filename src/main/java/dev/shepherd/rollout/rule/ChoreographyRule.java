package dev.shepherd.rollout.rule;

import dev.shepherd.format.Lists;
import dev.shepherd.partition.Wave;
import dev.shepherd.rollout.CompletedRun;
import dev.shepherd.rollout.Refusal;
import dev.shepherd.rollout.StartRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Waves go in order: a runbook starts on a partition of wave k only after it completed on every
 * partition of the earlier waves. Where the config declares waves, wave k−1 must have completed the
 * same revision; a plain list accepts an earlier one (and warns). An approver may override with a
 * reason (recorded, and shown in the summary).
 */
public final class ChoreographyRule extends OverridableRule {
  @Override
  Optional<Breach> breach(StartContext context) {
    List<String> missing = missing(context);
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    StartRequest request = context.request();
    String message;
    if (context.choreography().declaresWaves()) {
      Wave previous = context.waves().get(context.waveIndex() - 1);
      message =
          request.runbookId()
              + " has not completed revision "
              + context.rendition().runbook().revision().shortId()
              + " on "
              + Lists.some(missing)
              + ", which come before "
              + context.partition().name()
              + " (wave "
              + context.wave().name()
              + " waits for wave "
              + previous.name()
              + "). Roll out there"
              + " first, or "
              + OVERRIDE_HINT;
    } else {
      message =
          request.runbookId()
              + " has not completed on "
              + String.join(", ", missing)
              + ", which come before "
              + context.partition().name()
              + " ("
              + String.join(" → ", context.order())
              + "). Roll out there first, or "
              + OVERRIDE_HINT;
    }
    return Optional.of(
        new Breach(
            new Refusal(Refusal.Reason.CHOREOGRAPHY, message),
            "not completed yet: " + Lists.some(missing)));
  }

  /**
   * The partitions of earlier waves without a completed run, and (where waves are declared) those
   * of the previous wave whose latest completed run is another revision.
   */
  static List<String> missing(StartContext context) {
    List<Wave> waves = context.waves();
    int index = context.waveIndex();
    List<String> before = new ArrayList<>();
    for (int i = 0; i < index; i++) {
      before.addAll(waves.get(i).partitions());
    }
    if (before.isEmpty()) {
      return List.of();
    }
    Map<String, CompletedRun> done =
        context.tx().completed(context.request().runbookId(), before).stream()
            .collect(Collectors.toMap(CompletedRun::partition, Function.identity()));
    Set<String> previous = Set.copyOf(waves.get(index - 1).partitions());
    boolean sameRevision = context.choreography().declaresWaves();
    List<String> missing = new ArrayList<>();
    for (String partition : before) {
      CompletedRun run = done.get(partition);
      if (run == null) {
        missing.add(partition);
      } else if (sameRevision
          && previous.contains(partition)
          && !run.revision().id().equals(context.revision())) {
        missing.add(partition + " (at " + run.revision().shortId() + ")");
      }
    }
    return missing;
  }

  public static String mentions(Set<String> users) {
    return users.isEmpty()
        ? "none"
        : String.join(", ", users.stream().map(u -> u.startsWith("@") ? u : "@" + u).toList());
  }
}
