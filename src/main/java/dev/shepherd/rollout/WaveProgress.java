package dev.shepherd.rollout;

import dev.shepherd.partition.Choreography;
import dev.shepherd.partition.Wave;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where one runbook stands in one wave: which partitions completed the current revision, which are
 * in rollout, which stopped on a failed step (or are rolling back), and which wait.
 */
public record WaveProgress(
    String wave,
    int size,
    List<String> done,
    List<Rollout> running,
    List<Rollout> failed,
    List<String> waiting) {

  public WaveProgress {
    done = List.copyOf(done);
    running = List.copyOf(running);
    failed = List.copyOf(failed);
    waiting = List.copyOf(waiting);
  }

  /**
   * Every wave of a runbook.
   *
   * @param order the runbook's partitions in choreography order
   * @param revision the revision that counts as done (the runbook's current one)
   * @param completed the latest completed run on each partition
   * @param active every active rollout (of any runbook: only this one's are counted)
   */
  public static List<WaveProgress> of(
      Choreography choreography,
      String runbookId,
      List<String> order,
      String revision,
      List<CompletedRun> completed,
      List<Rollout> active) {
    Map<String, CompletedRun> done =
        completed.stream()
            .collect(Collectors.toMap(CompletedRun::partition, Function.identity(), (a, b) -> b));
    Map<String, Rollout> inRollout =
        active.stream()
            .filter(r -> r.runbook().id().equals(runbookId))
            .collect(Collectors.toMap(Rollout::partition, Function.identity(), (a, b) -> a));
    List<WaveProgress> waves = new ArrayList<>();
    for (Wave wave : choreography.wavesFor(order)) {
      List<String> finished = new ArrayList<>();
      List<Rollout> running = new ArrayList<>();
      List<Rollout> failed = new ArrayList<>();
      List<String> waiting = new ArrayList<>();
      for (String partition : wave.partitions()) {
        Rollout rollout = inRollout.get(partition);
        CompletedRun run = done.get(partition);
        if (rollout != null && stopped(rollout)) {
          failed.add(rollout);
        } else if (rollout != null) {
          running.add(rollout);
        } else if (run != null && run.revision().id().equals(revision)) {
          finished.add(partition);
        } else {
          waiting.add(partition);
        }
      }
      waves.add(
          new WaveProgress(
              wave.name(), wave.partitions().size(), finished, running, failed, waiting));
    }
    return waves;
  }

  private static boolean stopped(Rollout rollout) {
    return rollout.state() == RolloutState.ROLLING_BACK
        || rollout.currentStep().map(step -> step.state() == StepState.FAILED).orElse(false);
  }
}
