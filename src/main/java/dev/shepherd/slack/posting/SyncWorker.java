package dev.shepherd.slack.posting;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does the Slack work after the ack, off the request thread: one rollout's syncs run one at a time
 * and in order, different rollouts in parallel. A sync that fails is tried again on the next sweep,
 * which also covers what a restart left undone.
 */
public final class SyncWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SyncWorker.class);

  private final ExecutorService pool;
  private final ExecutorService answers;
  private final ScheduledExecutorService sweeper;
  private final Predicate<String> sync;
  private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final Set<String> failed = ConcurrentHashMap.newKeySet();

  /** How long a rollout whose sync failed waits before it is tried again, doubling to the sweep. */
  private final Map<String, Duration> retries = new ConcurrentHashMap<>();

  private final Duration sweepInterval;

  /** How many answer threads there are for each sync thread. */
  private static final int ANSWERS_PER_SYNC = 4;

  /**
   * @param sync brings one rollout's thread up to date; false when it must be tried again
   * @param sweep the rollouts a sweep looks at (active ones and those that ended lately)
   */
  public SyncWorker(
      Predicate<String> sync, Supplier<Set<String>> sweep, Duration sweepInterval, int threads) {
    this.sync = sync;
    this.sweepInterval = sweepInterval;
    this.pool = Executors.newFixedThreadPool(threads, daemon("shepherd-slack"));
    // Answers wait mostly on Slack and the database, and come in bursts (a fleet's operators
    // click within the same second): more threads than the syncs, which wait on the pacer.
    this.answers =
        Executors.newFixedThreadPool(threads * ANSWERS_PER_SYNC, daemon("shepherd-answers"));
    this.sweeper = Executors.newSingleThreadScheduledExecutor(daemon("shepherd-sweep"));
    sweeper.scheduleWithFixedDelay(
        () -> {
          try {
            sweep.get().forEach(this::sync);
            Set.copyOf(failed).forEach(this::sync);
          } catch (RuntimeException e) {
            log.warn("sweep failed, trying again in {}: {}", sweepInterval, e.toString());
          }
        },
        0,
        sweepInterval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Schedules a sync of the rollout's thread; a sync already waiting covers this one too. */
  public void sync(String rolloutId) {
    if (!queued.add(rolloutId)) {
      return;
    }
    run(
        rolloutId,
        () -> {
          queued.remove(rolloutId);
          boolean complete;
          try {
            complete = sync.test(rolloutId);
          } catch (RuntimeException e) {
            log.warn("rollout {}: sync failed, will try again: {}", rolloutId, e.toString());
            complete = false;
          }
          if (complete) {
            failed.remove(rolloutId);
            retries.remove(rolloutId);
          } else {
            failed.add(rolloutId);
            retrySoon(rolloutId);
          }
        });
  }

  /**
   * Tries a failed sync again soon (2 s, then 4 s, … up to the sweep interval) rather than at the
   * next sweep only: a post owed since a restart, or held by a process that just died, appears
   * within seconds.
   */
  private void retrySoon(String rolloutId) {
    Duration wait =
        retries.merge(
            rolloutId,
            FIRST_RETRY,
            (old, first) ->
                old.multipliedBy(2).compareTo(sweepInterval) > 0
                    ? sweepInterval
                    : old.multipliedBy(2));
    if (wait.compareTo(sweepInterval) >= 0) {
      return;
    }
    try {
      sweeper.schedule(() -> sync(rolloutId), wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing: the next start's sweep covers it
    }
  }

  private static final Duration FIRST_RETRY = Duration.ofSeconds(2);

  /** Runs a task in the rollout's order, after its pending syncs. */
  void run(String rolloutId, Runnable task) {
    tails.compute(
        rolloutId,
        (id, tail) ->
            (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail)
                .thenRunAsync(
                    () -> {
                      try {
                        task.run();
                      } catch (RuntimeException e) {
                        log.warn("rollout {}: Slack task failed: {}", id, e.toString());
                      }
                    },
                    pool));
  }

  /**
   * Runs a click's answer (the clicked message's redraw) on threads of its own: it waits neither
   * for the rollout's syncs nor for other rollouts' posts, which Slack paces to one a second.
   */
  public void answer(String rolloutId, Runnable task) {
    answers.execute(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.warn("rollout {}: answering a click failed: {}", rolloutId, e.toString());
          }
        });
  }

  /** Runs a task that belongs to no rollout (a refusal's ephemeral reply, a modal). */
  public void runNow(Runnable task) {
    pool.execute(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.warn("Slack task failed: {}", e.toString());
          }
        });
  }

  /** Waits for running work to finish (at most the timeout), then stops. */
  @Override
  public void close() {
    sweeper.shutdownNow();
    answers.shutdown();
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
