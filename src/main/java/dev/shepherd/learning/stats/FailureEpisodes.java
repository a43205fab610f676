package dev.shepherd.learning.stats;

import dev.shepherd.audit.Acknowledgement;
import dev.shepherd.audit.Action;
import dev.shepherd.rollout.Rollout;
import dev.shepherd.rollout.RolloutState;
import dev.shepherd.rollout.StepRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The failures of one rollout, each from its first Failed click to what ended it. A step that fails
 * again after a Retry is still the same failure: people were fixing one problem, and counting each
 * click would weigh a stubborn failure twice in the mean time to resolution.
 */
public final class FailureEpisodes {
  /** What ended a failure. */
  public enum End {
    DONE,
    SKIPPED,
    ROLLED_BACK,
    ABORTED,
    /** The rollout is still on it. */
    OPEN
  }

  /**
   * One failure of one step.
   *
   * @param fails every accepted Failed click on the step until it ended, oldest first
   * @param symptoms what people said they saw meanwhile, oldest first
   * @param resolvedAt when it ended, for the ends that resolve it (done, skipped, rolled back)
   */
  public record Episode(
      StepRun step,
      List<Acknowledgement> fails,
      List<Acknowledgement> symptoms,
      int retries,
      End end,
      Optional<Instant> resolvedAt) {
    Instant failedAt() {
      return fails.get(0).at();
    }

    public Optional<Duration> timeToResolve() {
      return resolvedAt.map(at -> Duration.between(failedAt(), at));
    }
  }

  private FailureEpisodes() {}

  public static List<Episode> of(Rollout rollout, List<Acknowledgement> trail) {
    Map<String, Builder> open = new LinkedHashMap<>();
    Map<String, Builder> latest = new LinkedHashMap<>();
    List<Builder> all = new ArrayList<>();
    for (Acknowledgement ack : trail) {
      if (!ack.accepted() || ack.phase().isEmpty() || ack.position().isEmpty()) {
        continue;
      }
      String key = ack.phase().get() + ":" + ack.position().get();
      Builder current = open.get(key);
      if (ack.action() == Action.FAIL) {
        if (current == null) {
          Optional<StepRun> step = rollout.step(ack.phase().get(), ack.position().get());
          if (step.isEmpty()) {
            continue;
          }
          current = new Builder(step.get());
          open.put(key, current);
          latest.put(key, current);
          all.add(current);
        }
        current.fails.add(ack);
      } else if (ack.action() == Action.SYMPTOM && latest.containsKey(key)) {
        // The failure's message asks what was seen; the answer may come after the fix.
        latest.get(key).symptoms.add(ack);
      } else if (current != null && ack.action() == Action.RETRY) {
        current.retries++;
      } else if (current != null && (ack.action() == Action.DONE || ack.action() == Action.SKIP)) {
        current.end = ack.action() == Action.DONE ? End.DONE : End.SKIPPED;
        current.resolvedAt = Optional.of(ack.at());
        open.remove(key);
      }
    }
    for (Builder unresolved : open.values()) {
      if (rollout.state() == RolloutState.ROLLED_BACK) {
        unresolved.end = End.ROLLED_BACK;
        unresolved.resolvedAt = rollout.endedAt();
      } else if (!rollout.state().isActive()) {
        unresolved.end = End.ABORTED;
      }
    }
    return all.stream().map(Builder::build).toList();
  }

  private static final class Builder {
    final StepRun step;
    final List<Acknowledgement> fails = new ArrayList<>();
    final List<Acknowledgement> symptoms = new ArrayList<>();
    int retries;
    End end = End.OPEN;
    Optional<Instant> resolvedAt = Optional.empty();

    Builder(StepRun step) {
      this.step = step;
    }

    Episode build() {
      return new Episode(step, fails, symptoms, retries, end, resolvedAt);
    }
  }
}
