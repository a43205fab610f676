package dev.shepherd.rollout.engine;

import dev.shepherd.partition.Choreography;
import dev.shepherd.partition.Partition;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutStore;
import dev.shepherd.runbook.Renderer;
import dev.shepherd.runbook.Rendition;
import dev.shepherd.runbook.RunbookParser;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The runbook exactly as a rollout started it, rendered for its partition, from the text kept for
 * its pinned revision. Thread-safe.
 */
public final class PinnedRunbookRenderer {
  private final RolloutStore store;
  private final Choreography choreography;
  private final RunbookParser parser = new RunbookParser();

  /** Pinned renditions by revision, path and partition; the least recently used go first. */
  private final Map<String, Rendition> renditions =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Rendition> eldest) {
          return size() > 256;
        }
      };

  public PinnedRunbookRenderer(RolloutStore store, Choreography choreography) {
    this.store = store;
    this.choreography = choreography;
  }

  public Optional<Rendition> of(Rollout rollout) {
    Optional<Partition> partition = choreography.find(rollout.partition());
    if (partition.isEmpty()) {
      return Optional.empty();
    }
    // A revision's text never changes and the partitions are fixed while Shepherd runs, so each
    // rendition is parsed once, not on every thread sync, sweep and timer.
    String key =
        rollout.runbook().revision().kind()
            + ":"
            + rollout.runbook().revision().id()
            + ":"
            + rollout.runbook().path()
            + ":"
            + partition.get().name();
    synchronized (renditions) {
      Rendition known = renditions.get(key);
      if (known != null) {
        return Optional.of(known);
      }
    }
    Optional<Rendition> rendition =
        store
            .snapshot(rollout.runbook())
            .map(
                text ->
                    Renderer.render(
                        parser.parse(rollout.runbook().path(), text, rollout.runbook().revision()),
                        partition.get()));
    rendition.ifPresent(
        r -> {
          synchronized (renditions) {
            renditions.put(key, r);
          }
        });
    return rendition;
  }
}
